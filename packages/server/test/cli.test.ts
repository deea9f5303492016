/**
 * The `touchpoint` CLI: validate with paths and exit codes, report from a JSONL file without a server (the same
 * rows as core's `summarizeEvents`), report from the database's rollups over a range of days.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { summarizeEvents, type TouchpointSummary } from '@touchpoint/core';
import { generateSampleEvents, seededRandom } from '@touchpoint/core/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/exit-codes';
import type { CliIo } from '../src/cli/io';
import { main } from '../src/cli/main';
import { csvCell } from '../src/report/csv';
import { seedSampleData } from '../src/seed-sample-data';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { openSqliteStore } from '../src/store/sqlite';
import { BIN } from './support/server-process';

const run = promisify(execFile);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    cwd: dir,
    stopSignal: new Promise(() => {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const sample = () =>
  generateSampleEvents({ random: seededRandom(42), start: Date.parse('2026-10-05T00:00:00Z'), weeks: 4 });

describe('touchpoint validate', () => {
  it('accepts the demo config', async () => {
    const result = await cli(['validate', DEMO_CONFIG_PATH]);
    expect(result).toMatchObject({ code: EXIT.ok });
    expect(result.stdout).toContain('valid survey config with 4 surveys');
  });

  it('counts one survey as "1 survey", in a config file and in a sites file', async () => {
    const config = write(
      'one.config.json',
      JSON.stringify({
        version: 1,
        surveys: [
          {
            id: 'nps-only',
            touchpoint: 'checkout',
            question: { type: 'nps' },
            triggers: [{ type: 'event', name: 'checkout' }],
          },
        ],
      }),
    );
    expect((await cli(['validate', config])).stdout).toContain('valid survey config with 1 survey\n');
    const sites = write(
      'one.sites.json',
      JSON.stringify({
        sites: [
          {
            id: 'one',
            publicKey: 'pk_single',
            secretKey: 'sk_0123456789abcdef',
            allowedOrigins: ['https://shop.example'],
            config: 'one.config.json',
          },
        ],
      }),
    );
    const result = await cli(['validate', sites]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('valid sites file: one (1 survey)\n');
  });

  it('names each problem by path and exits 1', async () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        version: 1,
        surveys: [{ id: 'x', touchpoint: 'checkout', question: { type: 'nps' }, trigers: [] }],
      }),
    );
    const result = await cli(['validate', file]);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.stderr).toContain('surveys[0].trigers: unknown field "trigers"; did you mean "triggers"?');
    expect(result.stderr).toContain('surveys[0].triggers: expected a list, received nothing');
  });

  it('validates a sites file and the config of each site', async () => {
    const good = write(
      'touchpoint.sites.json',
      JSON.stringify({
        sites: [
          {
            id: 'shop',
            publicKey: 'pk_shop',
            secretKey: 'sk_0123456789abcdef',
            allowedOrigins: ['https://shop.example'],
            config: DEMO_CONFIG_PATH,
          },
        ],
      }),
    );
    expect(await cli(['validate', good])).toMatchObject({ code: EXIT.ok });
    const bad = write(
      'bad.sites.json',
      JSON.stringify({
        sites: [
          {
            id: 'a',
            publicKey: 'pk_same',
            secretKey: 'sk_short',
            allowedOrigins: ['shop.example/x'],
            config: 'bad.json',
          },
          {
            id: 'b',
            publicKey: 'pk_same',
            secretKey: 'sk_0123456789abcdef',
            allowedOrigins: [],
            config: 'x.json',
          },
        ],
      }),
    );
    const result = await cli(['validate', bad]);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.stderr).toContain('sites[0].secretKey: use sk_ followed by 16–128 letters');
    expect(result.stderr).toContain('sites[0].allowedOrigins[0]: use an origin such as https://shop.example');
    expect(result.stderr).toContain('sites[1].publicKey: already used by sites[0].publicKey');
  });

  it('exits 3 for a missing file and 2 for wrong usage', async () => {
    expect((await cli(['validate', 'nope.json'])).code).toBe(EXIT.unavailable);
    expect((await cli(['validate'])).code).toBe(EXIT.usage);
    expect((await cli(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await cli(['report', '--format', 'xml', '--input', 'x'])).code).toBe(EXIT.usage);
  });
});

describe('touchpoint report --input', () => {
  it('prints the rows of core’s summarizeEvents as JSON', async () => {
    const events = sample();
    const file = write('events.jsonl', `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const result = await cli(['report', '--input', file, '--format', 'json']);
    expect(result.code).toBe(EXIT.ok);
    const rows = JSON.parse(result.stdout) as TouchpointSummary[];
    expect(rows).toEqual(JSON.parse(JSON.stringify(summarizeEvents(events))));
    expect(rows[0]).toMatchObject({ touchpoint: 'checkout.completed', metric: 'nps', smallSample: false });
    expect(rows[0]?.ci).toEqual({ low: expect.any(Number), high: expect.any(Number) });
  });

  it('prints a table and CSV, and accepts batches as lines', async () => {
    const events = sample();
    const file = write(
      'batches.jsonl',
      [
        JSON.stringify({ sentAt: '2026-11-01T00:00:00Z', events: events.slice(0, 100) }),
        ...events.slice(100).map((e) => JSON.stringify(e)),
      ].join('\n'),
    );
    const table = await cli(['report', '--input', file]);
    expect(table.stdout).toMatch(/touchpoint\s+metric\s+n\s+score\s+95 % interval/);
    expect(table.stdout).toContain('small sample (n < 30)');
    const csv = await cli(['report', '--input', file, '--format', 'csv']);
    const [header, first] = csv.stdout.split('\r\n');
    expect(header).toBe(
      'touchpoint,metric,scale_min,scale_max,n,score,ci_low,ci_high,small_sample,shown,completed,dismissed,response_rate,dismiss_rate',
    );
    expect(first).toMatch(/^checkout\.completed,nps,0,10,\d+,/);
  });

  it('refuses a file with invalid lines (exit 1), unless told to skip them', async () => {
    const events = sample().slice(0, 50);
    const lines = events.map((e) => JSON.stringify(e));
    lines.splice(3, 0, '{not json');
    const completed = events.find((e) => e.type === 'completed' && e.answers[0]?.type === 'nps');
    lines.splice(
      7,
      0,
      JSON.stringify({ ...completed, answers: [{ questionId: 'score', type: 'nps', value: 12 }] }),
    );
    const file = write('mixed.jsonl', lines.join('\n'));
    const refused = await cli(['report', '--input', file]);
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.stderr).toContain('line 4: not valid JSON');
    expect(refused.stderr).toContain(
      'line 8: answers[0].value: expected a number of at most 10, received 12',
    );
    expect(refused.stdout).toBe('');
    const skipped = await cli(['report', '--input', file, '--skip-invalid', '--format', 'json']);
    expect(skipped.code).toBe(EXIT.ok);
    expect(JSON.parse(skipped.stdout)).toEqual(JSON.parse(JSON.stringify(summarizeEvents(events))));
  });

  it('neutralises spreadsheet formulas in CSV text, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('touchpoint report --from --to', () => {
  it('reads the rollups of the database over a range of days', async () => {
    const data = join(dir, 'data');
    const store = await openSqliteStore({ path: join(data, 'touchpoint.sqlite') });
    const now = Date.parse('2026-11-23T12:00:00Z');
    await seedSampleData(store, { site: 'demo', now, weeks: 4 });
    const stored = (await store.events('demo')).filter((s) => s.day >= '2026-11-02' && s.day <= '2026-11-15');
    await store.close();
    const result = await cli(['report', '--from', '2026-11-02', '--to', '2026-11-15', '--format', 'json'], {
      TOUCHPOINT_DATA_DIR: data,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    // Seeded events are received as they happen, so a day of the rollups is the day of the event.
    const expected = summarizeEvents(stored.map((s) => s.event));
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((await cli(['report', '--from', '2026-11-15', '--to', '2026-11-02'])).code).toBe(EXIT.usage);
    expect((await cli(['report'], { TOUCHPOINT_DATA_DIR: join(dir, 'empty') })).code).toBe(EXIT.unavailable);
  });

  it('runs as the touchpoint bin in its own process', async () => {
    const events = sample();
    const file = write('bin.jsonl', events.map((e) => JSON.stringify(e)).join('\n'));
    const { stdout } = await run(process.execPath, [BIN, 'report', '--input', file, '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(summarizeEvents(events))));
    const failed = await run(process.execPath, [BIN, 'validate', join(dir, 'bad.json')]).catch(
      (error) => error,
    );
    expect(failed.code).toBe(EXIT.invalid);
  });
});
