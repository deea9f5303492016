/**
 * A real PostgreSQL 15 for tests: `initdb` into a temporary folder and `postgres` on 127.0.0.1 at a free port,
 * stopped and removed on `stop`. Never mocked. As root (CI), the server runs as the `postgres` system user,
 * since PostgreSQL refuses to run as root.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const POSTGRES_BIN = process.env.TOUCHPOINT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresHandle {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** A new empty database on this server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Whether PostgreSQL is installed here; prints one line and returns false (throws under CI) when not. */
export function postgresAvailable(): boolean {
  if (existsSync(join(POSTGRES_BIN, 'postgres'))) return true;
  if (process.env.CI) throw new Error(`PostgreSQL 15 is required in CI but was not found in ${POSTGRES_BIN}`);
  console.warn(
    `[touchpoint] PostgreSQL not found in ${POSTGRES_BIN}: PostgreSQL tests skipped (apt-get install postgresql).`,
  );
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function command(binary: string, args: string[]): [string, string[]] {
  const path = join(POSTGRES_BIN, binary);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

export interface PostgresOptions {
  /**
   * PostgreSQL's shared buffer cache. 64 MB by default keeps the many throwaway servers of a test run small; a
   * benchmark gives it what an operator would for its load.
   * @default '64MB'
   */
  readonly sharedBuffers?: string;
}

export async function startPostgres({
  sharedBuffers = '64MB',
}: PostgresOptions = {}): Promise<PostgresHandle> {
  if (!/^\d+(kB|MB|GB)$/.test(sharedBuffers)) {
    throw new Error(
      `startPostgres: sharedBuffers is a size such as 64MB or 1GB, not ${JSON.stringify(sharedBuffers)}`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    chmodSync(dir, 0o777);
  }
  const [initdb, initArgs] = command('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [postgres, args] = command('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=on',
    '-c',
    'max_connections=200',
    '-c',
    `shared_buffers=${sharedBuffers}`,
  ]);
  const child: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  // Never leave a server behind, even when the test process ends without calling stop().
  const stopNow = () => {
    const [pgCtl, ctlArgs] = command('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']);
    try {
      execFileSync(pgCtl, ctlArgs, { stdio: 'pipe' });
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
  const ready = Date.now() + 30_000;
  for (;;) {
    const [isready, readyArgs] = command('pg_isready', connection);
    try {
      execFileSync(isready, readyArgs, { stdio: 'pipe' });
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > ready) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
      const [psql, psqlArgs] = command('psql', [...connection, '-c', `CREATE DATABASE ${name}`]);
      execFileSync(psql, psqlArgs, { stdio: 'pipe' });
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // runuser does not pass signals on, so ask pg_ctl; SIGKILL only if that fails.
        const [pgCtl, ctlArgs] = command('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w', '-t', '10']);
        try {
          execFileSync(pgCtl, ctlArgs, { stdio: 'pipe' });
        } catch {
          child.kill('SIGKILL');
        }
        await exited;
      }
      process.off('exit', stopNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
