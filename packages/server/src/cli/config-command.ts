/**
 * `touchpoint config pull | push | diff`: config as code against a running server's admin API, sharing one
 * version history with the dashboard's editor (decision 0007). The admin key comes from the environment
 * (`TOUCHPOINT_ADMIN_KEY`), never from a flag, so it stays out of shell history; `--site` names the site the key
 * must belong to, so a key of another site is refused before anything is sent.
 *
 * - `pull` prints the published config with `"$version": N` (the version it was pulled at) to standard output.
 * - `push FILE` publishes the file on top of its `$version` (If-Match), refused when someone published since,
 *   unless `--force`; on success it writes the new number into the file's `$version`.
 * - `diff [FILE]` prints what the file changes from the published config (or `--from N --to M` between
 *   versions); exit 0 when nothing differs, 1 when something does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeChange, diffConfigs } from '@touchpoint/core';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';

export const DEFAULT_SERVER = 'http://127.0.0.1:8787';
/** A request to the server that takes longer than this fails (exit 3). */
export const CONFIG_REQUEST_TIMEOUT_MS = 15_000;

export interface ConfigFlags {
  readonly site?: string | undefined;
  readonly server?: string | undefined;
  readonly note?: string | undefined;
  readonly author?: string | undefined;
  readonly force?: boolean | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly etag: string | null;
}

function connection(flags: ConfigFlags, io: CliIo) {
  if (flags.site === undefined || flags.site === '') {
    throw new CliError('config needs --site ID (the site the admin key is for)', EXIT.usage);
  }
  const key = io.env.TOUCHPOINT_ADMIN_KEY;
  if (key === undefined || key === '') {
    throw new CliError(
      "set TOUCHPOINT_ADMIN_KEY to the site's admin key (ak_…, from the sites file); it is never taken as a flag",
      EXIT.usage,
    );
  }
  const raw = flags.server ?? io.env.TOUCHPOINT_SERVER ?? DEFAULT_SERVER;
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    throw new CliError(`--server ${raw} is not a URL (e.g. ${DEFAULT_SERVER})`, EXIT.usage);
  }
  const server = base.href.replace(/\/$/, '');

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    let response: Response;
    try {
      response = await fetch(`${server}/v1/admin${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(CONFIG_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(`cannot reach ${server}: ${(error as Error).message}`, EXIT.unavailable);
    }
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new CliError(
        `${server} answered ${response.status} with something that is not JSON`,
        EXIT.unavailable,
      );
    }
    const answer: Answer = { status: response.status, body: parsed, etag: response.headers.get('etag') };
    if (response.status === 401 || response.status === 429 || response.status >= 500) {
      throw new CliError(`${server}: ${messageOf(answer)}`, EXIT.unavailable);
    }
    return answer;
  }

  return {
    server,
    request,
    /** Checks that the key is the admin key of `--site`. */
    async checkSite(): Promise<void> {
      const answer = await request('GET', '/site');
      if (answer.status !== 200) throw new CliError(`${server}: ${messageOf(answer)}`, EXIT.unavailable);
      if (answer.body.id !== flags.site) {
        throw new CliError(
          `TOUCHPOINT_ADMIN_KEY is the admin key of site "${String(answer.body.id)}", not "${flags.site}"`,
          EXIT.usage,
        );
      }
    },
  };
}

function messageOf(answer: Answer): string {
  const error = answer.body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : `HTTP ${answer.status}`;
}

function readConfigFile(
  io: CliIo,
  file: string,
): { path: string; text: string; json: Record<string, unknown> } {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      EXIT.unavailable,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, EXIT.invalid);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CliError(`${file} is not a survey config (a JSON object)`, EXIT.invalid);
  }
  return { path, text, json: json as Record<string, unknown> };
}

const versionArg = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new CliError(`${name} takes a version number`, EXIT.usage);
  return Number(value);
};

export async function configCommand(
  action: string | undefined,
  file: string | undefined,
  flags: ConfigFlags,
  io: CliIo,
): Promise<ExitCode> {
  if (action !== 'pull' && action !== 'push' && action !== 'diff') {
    throw new CliError('config takes pull, push or diff: touchpoint config pull --site ID', EXIT.usage);
  }
  if (action === 'pull' && file !== undefined) {
    throw new CliError(
      'config pull prints to standard output: touchpoint config pull --site ID > touchpoint.config.json',
      EXIT.usage,
    );
  }
  if (action === 'push' && file === undefined) {
    throw new CliError(
      'config push needs the file: touchpoint config push --site ID touchpoint.config.json',
      EXIT.usage,
    );
  }
  const from = versionArg('--from', flags.from);
  const to = versionArg('--to', flags.to);
  const api = connection(flags, io);
  await api.checkSite();

  if (action === 'pull') {
    const answer = await api.request('GET', '/config');
    if (answer.status !== 200) throw new CliError(messageOf(answer), EXIT.unavailable);
    const { $schema, ...config } = answer.body.config as Record<string, unknown>;
    const out = { ...($schema === undefined ? {} : { $schema }), $version: answer.body.number, ...config };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    io.stderr(`✓ pulled version ${String(answer.body.number)} of ${flags.site} from ${api.server}\n`);
    return EXIT.ok;
  }

  if (action === 'push') {
    const { path, text, json } = readConfigFile(io, file!);
    const pulledAt = json.$version;
    if (pulledAt === undefined && !flags.force) {
      throw new CliError(
        `${file} does not say which version it was pulled at ("$version"); pull first, or pass --force to publish over whatever is published`,
        EXIT.usage,
      );
    }
    const ifMatch = flags.force ? '*' : `"${String(pulledAt)}"`;
    const author = flags.author ?? io.env.USER ?? 'touchpoint config push';
    const answer = await api.request(
      'PUT',
      '/config',
      { config: json, note: flags.note ?? `pushed from ${file}`, author },
      { 'If-Match': ifMatch },
    );
    if (answer.status === 201) {
      const number = answer.body.number as number;
      // The file now names the version it is: the next push is checked against it.
      const updated = /"\$version"\s*:\s*\d+/.test(text)
        ? text.replace(/"\$version"\s*:\s*\d+/, `"$version": ${number}`)
        : text.replace(/^\s*\{/, (open) => `${open}\n  "$version": ${number},`);
      writeFileSync(path, updated);
      io.stdout(`✓ published version ${number} of ${flags.site} (${file} now says "$version": ${number})\n`);
      return EXIT.ok;
    }
    if (answer.status === 412) {
      const current = answer.body.current as { number?: number; author?: string } | undefined;
      io.stderr(
        `✗ version ${String(current?.number)} was published by ${String(current?.author)} since ${file} was pulled (version ${String(pulledAt)}); nothing was published.\n` +
          '  Pull again and apply your change, or pass --force to publish over it.\n',
      );
      return EXIT.invalid;
    }
    if (answer.status === 422) {
      const problems = ((answer.body.error as { problems?: { message: string }[] }).problems ?? []).map(
        (p) => `  ${p.message}\n`,
      );
      io.stderr(
        `✗ ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was published\n${problems.join('')}`,
      );
      return EXIT.invalid;
    }
    throw new CliError(messageOf(answer), answer.status === 400 ? EXIT.invalid : EXIT.unavailable);
  }

  // diff
  const versionConfig = async (n: number | undefined) => {
    const answer = await api.request('GET', n === undefined ? '/config' : `/config/versions/${n}`);
    if (answer.status === 404) throw new CliError(messageOf(answer), EXIT.usage);
    if (answer.status !== 200) throw new CliError(messageOf(answer), EXIT.unavailable);
    return { config: answer.body.config, number: answer.body.number as number };
  };
  let before: { config: unknown; label: string };
  let after: { config: unknown; label: string };
  if (file !== undefined) {
    if (to !== undefined)
      throw new CliError('diff compares a file or --from/--to versions, not both', EXIT.usage);
    const base = await versionConfig(from);
    before = { config: base.config, label: `version ${base.number}` };
    after = { config: readConfigFile(io, file).json, label: file };
  } else {
    if (from === undefined)
      throw new CliError(
        'config diff needs a file, or --from N (and --to M; default the published version)',
        EXIT.usage,
      );
    const a = await versionConfig(from);
    const b = await versionConfig(to);
    before = { config: a.config, label: `version ${a.number}` };
    after = { config: b.config, label: `version ${b.number}` };
  }
  const changes = diffConfigs(before.config, after.config);
  if (changes.length === 0) {
    io.stdout(`no differences between ${before.label} and ${after.label}\n`);
    return EXIT.ok;
  }
  io.stdout(
    `${changes.length} change${changes.length === 1 ? '' : 's'} from ${before.label} to ${after.label}:\n${changes.map((c) => `${describeChange(c)}\n`).join('')}`,
  );
  return EXIT.invalid;
}
