/**
 * The `touchpoint` command: serve | validate | config | report | erase | prune | link. Returns the exit code (see
 * `exit-codes.ts`).
 */
import { parseArgs } from 'node:util';
import { configCommand } from './config-command';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { linkCommand } from './link-command';
import { eraseCommand, pruneCommand } from './privacy-commands';
import { reportCommand } from './report-command';
import { serveCommand } from './serve-command';
import { validateCommand } from './validate-command';

export const USAGE = `Usage: touchpoint <command> [options]

Commands
  serve                      Start the server: ingest, results API, dashboard at / (SQLite in --data, or PostgreSQL with DATABASE_URL)
    --port N                 Port (env PORT; default 8787)
    --host ADDRESS           Address to listen on (env HOST; default 127.0.0.1)
    --data DIR               Folder of the SQLite database (env TOUCHPOINT_DATA_DIR; default .data)
    --sites FILE             Sites file (env TOUCHPOINT_SITES; default touchpoint.sites.json if present, else the demo site)
    --database-url URL       PostgreSQL URL (env DATABASE_URL)
    --seed | --no-seed       Seed the sample data set into empty sites (env TOUCHPOINT_SEED; default: on for the demo site)
    --hash-ip                Store a daily-salted respondent hash, never the IP (env TOUCHPOINT_HASH_IP)
    --trust-proxy LIST       Proxy addresses whose X-Forwarded-For is trusted, comma-separated (env TOUCHPOINT_TRUST_PROXY)
    --rate-per-ip N          Requests per minute per client IP (env TOUCHPOINT_RATE_PER_IP; default 120)
    --rate-per-key N         Requests per minute per public key (env TOUCHPOINT_RATE_PER_KEY; default 6000)
    --dashboard DIR          Folder of the built dashboard, built there at start when empty (env TOUCHPOINT_DASHBOARD; default the dashboard package's dist)
    --no-dashboard           Serve the API only (env TOUCHPOINT_DASHBOARD=off)
    --allow-private-alert-targets   Let alerts go to private and loopback addresses (env TOUCHPOINT_ALLOW_PRIVATE_ALERT_TARGETS)
  validate FILE              Check a survey config or a sites file; problems are printed with their paths
  config pull|push|diff      A site's survey config against a running server (admin key in env TOUCHPOINT_ADMIN_KEY)
    --site ID                The site the admin key is for (required)
    --server URL             The server (env TOUCHPOINT_SERVER; default http://127.0.0.1:8787)
    pull                     Print the published config, with "$version" (the version it was pulled at)
    push FILE                Publish FILE on top of its "$version"; refused when someone published since
      --force                Publish over whatever is published
      --note TEXT --author NAME   Shown in the version history (author default: $USER)
    diff FILE | --from N [--to M]   What FILE changes from the published config, or between two versions (exit 1 when they differ)
  report                     Per-touchpoint NPS / CES / CSAT with n and the 95 % interval
    --input FILE             Wire events, one event or batch per line (JSONL; - for standard input); no server needed
    --config FILE            With --input: the survey config, to attribute displays of unanswered surveys
    --skip-invalid           With --input: report on the valid lines even when some are invalid
    --from DAY --to DAY      Days (UTC, inclusive, e.g. 2026-11-01) read from the database's rollups
    --site ID                Site to report on from the database (default demo)
    --data DIR | --database-url URL   Which database (as for serve)
    --format table|json|csv  Output format (default table)
  erase                      Erase every event, text and answer of one visitor, user or response; rollups move with them
    --site ID                The site
    --visitor ID | --user ID | --response ID   What to erase (exactly one)
    --data DIR | --database-url URL   Which database (as for serve)
  prune                      Delete raw events and texts older than each site's retentionDays (rollups stay)
    --sites FILE             Sites file (env TOUCHPOINT_SITES; default touchpoint.sites.json)
    --site ID                Only this site; with --days N, prune it to N days without a sites file
    --data DIR | --database-url URL   Which database (as for serve)
  link                       Print a signed personal link to a hosted survey page (no server needed)
    --site ID --survey ID    Which site (of the sites file, or the demo site) and survey
    --user ID                The user id the answers carry
    --attr KEY=VALUE         An attribute the answers carry (repeatable)
    --expires WHEN           An ISO 8601 time or a duration (30d, 12h, 90m); default never
    --url BASE               The server's public address (env TOUCHPOINT_PUBLIC_URL; default http://127.0.0.1:8787)
    --sites FILE | --data DIR  As for serve

Exit codes: 0 done · 1 invalid input · 2 wrong usage · 3 file, database or port unavailable
`;

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            port: { type: 'string' },
            host: { type: 'string' },
            data: { type: 'string' },
            sites: { type: 'string' },
            'database-url': { type: 'string' },
            seed: { type: 'boolean' },
            'no-seed': { type: 'boolean' },
            'hash-ip': { type: 'boolean' },
            'trust-proxy': { type: 'string' },
            'rate-per-ip': { type: 'string' },
            'rate-per-key': { type: 'string' },
            dashboard: { type: 'string' },
            'no-dashboard': { type: 'boolean' },
            'allow-private-alert-targets': { type: 'boolean' },
          },
        });
        return await serveCommand(
          {
            port: values.port,
            host: values.host,
            data: values.data,
            sites: values.sites,
            databaseUrl: values['database-url'],
            seed: values.seed,
            noSeed: values['no-seed'],
            hashIp: values['hash-ip'],
            trustProxy: values['trust-proxy'],
            ratePerIp: values['rate-per-ip'],
            ratePerKey: values['rate-per-key'],
            dashboard: values.dashboard,
            noDashboard: values['no-dashboard'],
            allowPrivateAlertTargets: values['allow-private-alert-targets'],
          },
          io,
        );
      }
      case 'validate': {
        const { positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: {} });
        if (positionals.length > 1) throw new CliError('validate takes one file', EXIT.usage);
        return validateCommand(positionals[0], io);
      }
      case 'config': {
        const { values, positionals } = parseArgs({
          args: rest,
          strict: true,
          allowPositionals: true,
          options: {
            site: { type: 'string' },
            server: { type: 'string' },
            note: { type: 'string' },
            author: { type: 'string' },
            force: { type: 'boolean' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
        });
        if (positionals.length > 2)
          throw new CliError('config takes an action and at most one file', EXIT.usage);
        return await configCommand(positionals[0], positionals[1], values, io);
      }
      case 'report': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            input: { type: 'string' },
            format: { type: 'string' },
            config: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
            site: { type: 'string' },
            data: { type: 'string' },
            'database-url': { type: 'string' },
            'skip-invalid': { type: 'boolean' },
          },
        });
        return await reportCommand(
          {
            input: values.input,
            format: values.format,
            config: values.config,
            from: values.from,
            to: values.to,
            site: values.site,
            data: values.data,
            databaseUrl: values['database-url'],
            skipInvalid: values['skip-invalid'],
          },
          io,
        );
      }
      case 'erase': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            site: { type: 'string' },
            visitor: { type: 'string' },
            user: { type: 'string' },
            response: { type: 'string' },
            data: { type: 'string' },
            'database-url': { type: 'string' },
          },
        });
        return await eraseCommand({ ...values, databaseUrl: values['database-url'] }, io);
      }
      case 'prune': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            sites: { type: 'string' },
            site: { type: 'string' },
            days: { type: 'string' },
            data: { type: 'string' },
            'database-url': { type: 'string' },
          },
        });
        return await pruneCommand({ ...values, databaseUrl: values['database-url'] }, io);
      }
      case 'link': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            site: { type: 'string' },
            survey: { type: 'string' },
            user: { type: 'string' },
            attr: { type: 'string', multiple: true },
            expires: { type: 'string' },
            url: { type: 'string' },
            sites: { type: 'string' },
            data: { type: 'string' },
          },
        });
        return linkCommand(values, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new CliError(`unknown command "${command}"`, EXIT.usage);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`touchpoint: ${error.message}\n`);
      if (error.exitCode === EXIT.usage) io.stderr('Run touchpoint help for the commands and options.\n');
      return error.exitCode;
    }
    // parseArgs reports unknown options and missing values with these codes.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(
        `touchpoint: ${(error as Error).message}\nRun touchpoint help for the commands and options.\n`,
      );
      return EXIT.usage;
    }
    throw error;
  }
}
