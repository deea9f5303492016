/**
 * `touchpoint config pull | push | diff` as processes against `touchpoint serve` as a process: pull prints the
 * published config with the version it was pulled at, push publishes on top of it and is refused when someone
 * published since (unless --force), diff names what changed, and a wrong key or site is refused before anything
 * is sent. Config as code and the editor share one history.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { BIN, type ServerProcess, spawnServer } from './support/server-process';
import { SHOP_ADMIN, SHOP_KEY, SHOP_SECRET } from './support/sites';

const run = promisify(execFile);

let dir: string;
let server: ServerProcess;

async function touchpoint(args: string[], key: string = SHOP_ADMIN) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, TOUCHPOINT_ADMIN_KEY: key, TOUCHPOINT_SERVER: server.url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-config-cli-'));
  copyFileSync(DEMO_CONFIG_PATH, join(dir, 'seed.config.json'));
  writeFileSync(
    join(dir, 'touchpoint.sites.json'),
    JSON.stringify({
      sites: [
        {
          id: 'shop',
          publicKey: SHOP_KEY,
          secretKey: SHOP_SECRET,
          adminKey: SHOP_ADMIN,
          allowedOrigins: ['http://localhost:*'],
          config: 'seed.config.json',
        },
      ],
    }),
  );
  server = await spawnServer(['--sites', join(dir, 'touchpoint.sites.json'), '--data', join(dir, 'data')]);
}, 60_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('touchpoint config as processes', () => {
  it('serve says which version is published and that the sites file seeded it', () => {
    expect(server.output()).toMatch(/config\s+version 1 published from the sites file/);
  });

  it('pulls the published config with the version it was pulled at', async () => {
    const pulled = await touchpoint(['config', 'pull', '--site', 'shop']);
    expect(pulled.code).toBe(0);
    const json = JSON.parse(pulled.stdout);
    const seed = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8'));
    expect(json.$version).toBe(1);
    const { $version: _, ...config } = json;
    expect(config).toEqual(seed);
    expect(pulled.stderr).toContain('pulled version 1 of shop');
    writeFileSync(join(dir, 'touchpoint.config.json'), pulled.stdout);
    writeFileSync(join(dir, 'other.config.json'), pulled.stdout);
  });

  it('diffs an edited file against the published config, and pushes it as the next version', async () => {
    const file = join(dir, 'touchpoint.config.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.surveys[0].question.text = { en: 'Would you recommend us?', nl: 'Zou je ons aanraden?' };
    writeFileSync(file, `${JSON.stringify(edited, null, 2)}\n`);

    const diff = await touchpoint(['config', 'diff', '--site', 'shop', 'touchpoint.config.json']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('1 change from version 1 to touchpoint.config.json');
    expect(diff.stdout).toContain(
      '+ surveys[nps-checkout].question.text: {"en":"Would you recommend us?","nl":"Zou je ons aanraden?"}',
    );

    const pushed = await touchpoint([
      'config',
      'push',
      '--site',
      'shop',
      '--note',
      'warmer',
      'touchpoint.config.json',
    ]);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('published version 2 of shop');
    expect(JSON.parse(readFileSync(file, 'utf8')).$version).toBe(2);

    // The page gets it: the public config endpoint serves version 2, without a restart.
    const page = await fetch(`${server.url}/v1/config?site=${SHOP_KEY}`);
    expect(page.headers.get('etag')).toMatch(/^"2-/);
    expect(
      ((await page.json()) as { surveys: { question: { text: { nl: string } } }[] }).surveys[0]?.question.text
        .nl,
    ).toBe('Zou je ons aanraden?');
    const same = await touchpoint(['config', 'diff', '--site', 'shop', 'touchpoint.config.json']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('no differences');
  });

  it('refuses a push from a stale pull, and publishes it with --force', async () => {
    // other.config.json was pulled at version 1; version 2 was published since.
    const stale = await touchpoint(['config', 'push', '--site', 'shop', 'other.config.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('version 2 was published by');
    expect(stale.stderr).toContain('nothing was published');
    const versions = await fetch(`${server.url}/v1/admin/config/versions`, {
      headers: { Authorization: `Bearer ${SHOP_ADMIN}` },
    });
    expect(((await versions.json()) as { published: number }).published).toBe(2);

    const forced = await touchpoint(['config', 'push', '--site', 'shop', '--force', 'other.config.json']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('published version 3');
    const between = await touchpoint(['config', 'diff', '--site', 'shop', '--from', '2', '--to', '3']);
    expect(between.stdout).toContain('- surveys[nps-checkout].question.text');
  });

  it('prints the problems of an invalid file in the words of touchpoint validate, and publishes nothing', async () => {
    const file = join(dir, 'touchpoint.config.json');
    const pulled = await touchpoint(['config', 'pull', '--site', 'shop']);
    const json = JSON.parse(pulled.stdout);
    json.surveys[0].id = 'bad id';
    writeFileSync(file, JSON.stringify(json));
    const pushed = await touchpoint(['config', 'push', '--site', 'shop', 'touchpoint.config.json']);
    const validated = await touchpoint(['validate', 'touchpoint.config.json']);
    expect(pushed.code).toBe(1);
    expect(validated.code).toBe(1);
    const problemLines = (text: string) => text.split('\n').filter((line) => line.startsWith('  '));
    expect(problemLines(pushed.stderr)).toEqual(problemLines(validated.stderr));
    expect(problemLines(pushed.stderr)[0]).toContain('surveys[0].id');
  });

  it("refuses another role's key and the wrong site before sending anything", async () => {
    const results = await touchpoint(['config', 'pull', '--site', 'shop'], SHOP_SECRET);
    expect(results.code).toBe(3);
    expect(results.stderr).toContain('results key');
    const wrong = await touchpoint(['config', 'pull', '--site', 'blog']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('admin key of site "shop", not "blog"');
    const none = await touchpoint(['config', 'pull', '--site', 'shop'], '');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('TOUCHPOINT_ADMIN_KEY');
  });
});
