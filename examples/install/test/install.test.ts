/**
 * Touchpoint the way a stranger meets it (issue 10): every publishable package built (`pnpm build`) and packed
 * (`pnpm pack`, which applies `publishConfig`), publint and @arethetypeswrong/cli on each tarball, then the
 * tarballs installed with plain `npm` into a temporary folder outside the workspace (third-party dependencies from
 * the npm registry), and there:
 * - a Vite + TypeScript app whose code is the widget README's npm block (`init()` + `createCollector()`) and the
 *   root README's scoring line type-checks (`tsc`, with `skipLibCheck: false`) and builds (`vite build`);
 * - the installed `touchpoint` bin (compiled JavaScript, no tsx) serves a temporary data folder: `/healthz`, the
 *   dashboard at `/`, `/embed.js` with its headers, `/v1/config`;
 * - in Chromium, the built app runs (the score, a survey shown through the npm entry), and a plain HTML page on
 *   another loopback origin with the widget README's stub snippet shows a survey whose answer is stored once;
 * - SIGTERM stops the server with exit code 0.
 * It prints each tarball's size and the app's first-load JavaScript (brotli).
 */

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlock } from '../src/readme';
import { mustRun, run, type Watched, watch } from '../src/run';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP = fileURLToPath(new URL('../app/', import.meta.url));
const PACKAGES = ['core', 'collector', 'widget', 'server'] as const;
const PNPM_VERSION = '10.34.9';

/** pnpm as `pnpm test` runs it (its own script, through `npm_execpath`), else the pinned version through npx. */
function pnpm(args: readonly string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath !== undefined && /pnpm/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ['npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args]];
}

/** The environment of a stranger's shell: none of the workspace's npm_ / pnpm_ settings. */
function strangerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_|NODE_OPTIONS$|VITEST|TEST$)/i.test(key)) env[key] = value;
  }
  return env;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** The `bin` script of an installed tool of this package (publint, attw). */
function binOf(name: string, bin: string): string {
  const manifestPath = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> | string };
  const path = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin]!;
  return resolve(manifestPath, '..', path);
}

/** The file paths an `exports` or `bin` field points at (its string leaves; not its subpath keys). */
function targetsOf(field: unknown): string[] {
  if (typeof field === 'string') return [field];
  if (field === null || typeof field !== 'object') return [];
  return Object.values(field).flatMap(targetsOf);
}

/**
 * better-sqlite3 as a stranger's `npm install` gets it: its install script (prebuild-install) downloads a prebuilt
 * binary from GitHub, which is not reachable here, so the binary the workspace built for this very Node is offered
 * as a local prebuild in the same form (a tarball named as prebuild-install looks for it). Without that binary
 * npm compiles better-sqlite3 from source, which works too and takes minutes longer.
 */
function localPrebuilds(work: string): NodeJS.ProcessEnv {
  try {
    const root = resolve(
      createRequire(join(ROOT, 'packages/server/package.json')).resolve('better-sqlite3/package.json'),
      '..',
    );
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    if (!existsSync(join(root, 'build/Release/better_sqlite3.node'))) return {};
    const dir = join(work, 'prebuilds');
    mkdirSync(dir, { recursive: true });
    const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    execFileSync('tar', ['czf', join(dir, name), '-C', root, 'build/Release/better_sqlite3.node']);
    return { npm_config_better_sqlite3_local_prebuilds: dir };
  } catch {
    return {};
  }
}

const brotli = (bytes: Uint8Array) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** Whether Chromium is here (under CI it must be). */
const CHROMIUM = browserAvailable();
const today = () => new Date().toISOString().slice(0, 10);

describe('the packages installed from their tarballs, outside the workspace', () => {
  let work: string;
  const tarballs: Record<string, string> = {};
  let app: string;
  let server: Watched | undefined;
  let serverUrl: string;
  let data: string;
  let browser: BrowserHandle | undefined;
  let site: StaticServer | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'touchpoint-install-'));
    expect(relative(ROOT, work).startsWith('..')).toBe(true);

    // 1. Build and pack, as a release would (pnpm pack applies publishConfig and turns workspace:* into versions).
    const [build, buildArgs] = pnpm(['build']);
    await mustRun(build, buildArgs, { cwd: ROOT });
    const packed = join(work, 'tarballs');
    mkdirSync(packed);
    for (const name of PACKAGES) {
      const [command, args] = pnpm(['pack', '--pack-destination', packed]);
      const output = await mustRun(command, args, { cwd: join(ROOT, 'packages', name) });
      tarballs[name] = output.trim().split('\n').at(-1)!.trim();
      expect(existsSync(tarballs[name]!)).toBe(true);
    }

    // 2. A stranger's app: the fixture files, the README's npm code, the tarballs and the registry's Vite.
    app = join(work, 'app');
    cpSync(APP, app, { recursive: true });
    const widgetNpm = codeBlock(join(ROOT, 'packages/widget/README.md'), 'ts', "from '@touchpoint/widget'");
    writeFileSync(
      join(app, 'src/main.ts'),
      `// The widget README's npm code; the page is opened with ?endpoint=<the installed server>.
const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '';
${widgetNpm.replaceAll("'https://feedback.example.com'", 'endpoint').replaceAll("'YOUR_SITE_KEY'", "'pk_demo'")}`,
    );
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify(
        {
          name: 'touchpoint-install-check',
          private: true,
          type: 'module',
          dependencies: Object.fromEntries(
            PACKAGES.map((name) => [`@touchpoint/${name}`, `file:${tarballs[name]}`]),
          ),
          devDependencies: { typescript: '~5.9.3', vite: '^8.3.8' },
        },
        null,
        2,
      )}\n`,
    );
    await mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: app,
      env: { ...strangerEnv(), ...localPrebuilds(work) },
    });

    // 3. The installed server, on a temporary data folder, without sample data so every answer is ours.
    data = join(work, 'data');
    server = watch(
      join(app, 'node_modules/.bin/touchpoint'),
      ['serve', '--port', '0', '--data', data, '--no-seed'],
      { cwd: work, env: strangerEnv() },
    );
    serverUrl = (await server.waitFor(/server listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1]!;
    await server.waitFor(/Stop with Ctrl\+C/, 30_000);

    if (CHROMIUM) browser = await launchBrowser();
  });

  /** The built app and a plain page with the stub snippet, on another loopback origin than the server. */
  async function siteUrl(): Promise<string> {
    if (site === undefined) {
      const files: Record<string, string> = {};
      for (const file of filesUnder(join(app, 'dist'))) files[`/${file}`] = join(app, 'dist', file);
      const stub = codeBlock(join(ROOT, 'packages/widget/README.md'), 'html', 'window.touchpoint=')
        .replaceAll('https://feedback.example.com', serverUrl)
        .replaceAll('YOUR_SITE_KEY', 'pk_demo');
      site = await startStaticServer({
        files,
        pages: {
          '/stub.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Onboarding</title>\n${stub}<script>touchpoint('track', 'onboarding.step3.done');</script>\n</head><body><h1>Step 3 done</h1></body></html>`,
        },
      });
      expect(new URL(site.url).origin).not.toBe(new URL(serverUrl).origin);
    }
    return site.url;
  }

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('each tarball: publint and @arethetypeswrong/cli find nothing; no tests, no source condition, every export in the tarball', async () => {
    const sizes: string[] = [];
    for (const name of PACKAGES) {
      const tarball = tarballs[name]!;
      const lint = await run(process.execPath, [binOf('publint', 'publint'), 'run', tarball, '--strict'], {
        cwd: work,
      });
      expect(lint.output, `publint ${name}`).toContain('All good!');
      expect(lint.code, `publint ${name}:\n${lint.output}`).toBe(0);
      const types = await run(
        process.execPath,
        [
          binOf('@arethetypeswrong/cli', 'attw'),
          '--pack',
          tarball,
          '--profile',
          'esm-only',
          '--format',
          'ascii',
        ],
        { cwd: work },
      );
      expect(types.code, `attw ${name}:\n${types.output}`).toBe(0);

      const unpacked = join(work, 'unpacked', name);
      mkdirSync(unpacked, { recursive: true });
      await mustRun('tar', ['xzf', tarball, '-C', unpacked], { cwd: work });
      const root = join(unpacked, 'package');
      const files = filesUnder(root);
      expect(
        files.filter((file) => /\.test\.tsx?$|(^|\/)test\//.test(file)),
        name,
      ).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        exports: unknown;
        bin?: unknown;
        dependencies?: Record<string, string>;
      };
      expect(JSON.stringify([manifest.exports, manifest.bin ?? null])).not.toContain('@touchpoint/source');
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
      for (const target of [...targetsOf(manifest.exports), ...targetsOf(manifest.bin)]) {
        expect(existsSync(join(root, target)), `${name}: ${target}`).toBe(true);
      }
      const unpackedBytes = files.reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
      sizes.push(
        `  @touchpoint/${name}: ${statSync(tarball).size} B packed, ${unpackedBytes} B unpacked, ${files.length} files`,
      );
    }
    const server = JSON.parse(readFileSync(join(work, 'unpacked/server/package/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(Object.keys(server.dependencies)).not.toContain('@touchpoint/dashboard');
    expect(Object.keys(server.dependencies)).not.toContain('tsx');
    expect(server.bin.touchpoint).toMatch(/^\.\/dist\/.*\.js$/);
    expect(existsSync(join(work, 'unpacked/server/package/dashboard/index.html'))).toBe(true);
    console.log(`[touchpoint] tarballs (pnpm pack):\n${sizes.join('\n')}`);
  });

  it('the app type-checks (skipLibCheck off) and builds with Vite; prints its first-load JavaScript', async () => {
    await mustRun(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: app,
      env: strangerEnv(),
    });
    await mustRun(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: app,
      env: strangerEnv(),
    });
    const manifest = JSON.parse(readFileSync(join(app, 'dist/.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean }
    >;
    /** The entry's file and every file it imports statically: what a page loads before it runs. */
    const firstLoad = (key: string, seen = new Set<string>()): Set<string> => {
      const chunk = manifest[key]!;
      if (!seen.has(chunk.file)) {
        seen.add(chunk.file);
        for (const imported of chunk.imports ?? []) firstLoad(imported, seen);
      }
      return seen;
    };
    const weigh = (files: Iterable<string>) =>
      [...files].reduce((sum, file) => sum + brotli(readFileSync(join(app, 'dist', file))), 0);
    const main = firstLoad('index.html');
    const lazy = Object.values(manifest)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js') && !main.has(file) && !firstLoad('score.html').has(file));
    console.log(
      `[touchpoint] app built by vite from the tarballs: init() + createCollector() page ${weigh(main)} B brotli first load (${[...main].join(', ')}); lazy chunks ${weigh(lazy)} B brotli; core scoring page ${weigh(firstLoad('score.html'))} B brotli`,
    );
    // The npm entry never imports the collector: the app does, once.
    expect(weigh(main)).toBeGreaterThan(0);
  });

  it('the installed touchpoint bin serves /healthz, the dashboard at /, /embed.js and /v1/config', async () => {
    expect(server!.output()).not.toMatch(/tsx|@touchpoint\/source|ERR_/);
    const health = await fetch(`${serverUrl}/healthz`);
    expect(health.status).toBe(200);

    const dashboard = await fetch(`${serverUrl}/`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await dashboard.text()).toContain('<script');

    const embed = await fetch(`${serverUrl}/embed.js`, { headers: { 'accept-encoding': 'br' } });
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(embed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(embed.headers.get('content-encoding')).toBe('br');
    expect(embed.headers.get('cache-control')).toBe('public, max-age=300');
    const installedEmbed = readFileSync(join(app, 'node_modules/@touchpoint/widget/dist/embed.js'), 'utf8');
    expect(await embed.text()).toBe(installedEmbed);
    const again = await fetch(`${serverUrl}/embed.js`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': embed.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    const config = await fetch(`${serverUrl}/v1/config?site=pk_demo`);
    expect(config.status).toBe(200);
    const body = (await config.json()) as { surveys: { id: string }[] };
    expect(body.surveys.map((survey) => survey.id)).toContain('ces-onboarding');
  });

  it.skipIf(!CHROMIUM)("the app's pages run: core's score, and a survey shown through init()", async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${await siteUrl()}/score.html`);
    await expect
      .poll(async () => JSON.parse((await page.locator('#score').textContent()) || '{}') as { n?: number })
      .toMatchObject({ metric: 'nps', n: 7, promoters: 3 });
    const { score } = JSON.parse((await page.locator('#score').textContent())!) as { score: number };
    expect(score).toBeCloseTo(14.29, 2);
    await page.goto(`${await siteUrl()}/index.html?endpoint=${encodeURIComponent(serverUrl)}`);
    // The README's code tracks checkout.completed: the demo's NPS survey shows after its 2 s delay.
    await page
      .locator('[data-touchpoint]')
      .locator('[role=dialog], [role=region]')
      .waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it.skipIf(!CHROMIUM)(
    'a plain page with the stub snippet shows a survey from the server; the answer is stored once',
    async () => {
      const context = await browser!.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${await siteUrl()}/stub.html`);
      const card = page.locator('[data-touchpoint]').locator('[role=dialog], [role=region]');
      await card.waitFor({ timeout: 20_000 });
      await card.getByRole('radio').nth(5).click(); // CES 6 of 7
      await card.getByRole('status').waitFor();

      const { secretKey } = JSON.parse(readFileSync(join(data, 'demo-keys.json'), 'utf8')) as {
        secretKey: string;
      };
      const answers = async () => {
        const response = await fetch(`${serverUrl}/v1/results/overview?from=${today()}&to=${today()}`, {
          headers: { authorization: `Bearer ${secretKey}` },
        });
        const overview = (await response.json()) as { rows: { touchpoint: string; n: number }[] };
        return overview.rows.find((row) => row.touchpoint === 'onboarding.step3')?.n ?? 0;
      };
      await expect.poll(answers, { timeout: 20_000 }).toBe(1);
      await page.reload(); // a second page of the site sends whatever was left queued (nothing should be)
      await page.waitForLoadState('networkidle');
      expect(await answers()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it.skipIf(!CHROMIUM)(
    'a page pinned to the printed build (/v/{build}/embed.js + integrity) gets every file from that folder, immutable',
    async () => {
      const [, build, integrity] =
        /pinned: \S+\/v\/([0-9a-f]{12})\/embed\.js integrity="(sha384-[^"]+)"/.exec(server!.output())!;
      const pinned = `${serverUrl}/v/${build}/embed.js`;
      const stub = codeBlock(join(ROOT, 'packages/widget/README.md'), 'html', 'window.touchpoint=')
        .replaceAll('https://feedback.example.com', serverUrl)
        .replaceAll('YOUR_SITE_KEY', 'pk_demo')
        .replace(
          `<script async src="${serverUrl}/embed.js"></script>`,
          `<script async src="${pinned}" integrity="${integrity}" crossorigin="anonymous"></script>`,
        );
      expect(stub).toContain(pinned);
      await siteUrl();
      site!.setPage(
        '/pinned.html',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pinned</title>\n${stub}<script>touchpoint('track', 'onboarding.step3.done');</script>\n</head><body><h1>Pinned</h1></body></html>`,
      );
      const context = await browser!.newContext();
      const page = await context.newPage();
      const scripts: { url: string; cache: string | undefined }[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.js')) {
          scripts.push({ url: response.url(), cache: response.headers()['cache-control'] });
        }
      });
      await page.goto(`${site!.url}/pinned.html`);
      await page
        .locator('[data-touchpoint]')
        .locator('[role=dialog], [role=region]')
        .waitFor({ timeout: 20_000 });
      expect(scripts.map((script) => script.url)).toContain(pinned);
      expect(scripts.map((script) => script.url)).toContain(`${serverUrl}/v/${build}/touchpoint-survey.js`);
      expect(scripts.map((script) => script.url)).toContain(
        `${serverUrl}/v/${build}/touchpoint-collector.js`,
      );
      for (const script of scripts) {
        expect(script.url.startsWith(`${serverUrl}/v/${build}/`), script.url).toBe(true);
        expect(script.cache).toBe('public, max-age=31536000, immutable');
      }
      await context.close();
    },
  );

  it('publishing every package runs as a dry run, in dependency order, private packages left out', async () => {
    const [command, args] = pnpm([
      'publish',
      '-r',
      '--filter',
      './packages/*',
      '--dry-run',
      '--no-git-checks',
    ]);
    const output = await mustRun(command, args, { cwd: ROOT });
    const published = [...output.matchAll(/^\+ (@touchpoint\/[a-z-]+)@/gm)].map((match) => match[1]);
    expect(published).toEqual(PACKAGES.map((name) => `@touchpoint/${name}`));
  });

  it('SIGTERM stops the installed server cleanly, exit code 0', async () => {
    const code = await server!.stop('SIGTERM');
    expect(server!.output()).toContain('stopped cleanly');
    expect(code).toBe(0);
  });
});
