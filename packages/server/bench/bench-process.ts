/**
 * The processes the ingest benchmarks measure: a bare node:http handler (the ceiling of node:http on this machine)
 * and `touchpoint serve`, each started as a child process and found by the "listening on" line it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/touchpoint.js', import.meta.url));

/** A handler that reads the body and answers a fixed ack (and `/healthz`), doing no other work. */
export const BARE = `
const http = require('node:http');
const body = JSON.stringify({ ok: true, stored: 0, duplicates: 0 });
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); return; }
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

/**
 * The health probe, run as its own process: GET /healthz every 10 ms on one kept-alive connection for the given
 * seconds (at most 100,000 probes), then one line of JSON with every latency in ms. A probe inside the load
 * generator would time the generator's own busy event loop as well as the server's; on its own it times the server.
 *
 *   node -e PROBE <url> <seconds>
 */
export const PROBE = `
const http = require('node:http');
const [url, seconds] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const until = performance.now() + Number(seconds) * 1000;
const samples = [];
function once() {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http.get(url + '/healthz', { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t));
    }).on('error', reject);
  });
}
(async () => {
  while (performance.now() < until && samples.length < 100000) {
    const ms = await once();
    samples.push(ms);
    if (ms < 10) await new Promise((resolve) => setTimeout(resolve, 10 - ms));
  }
  agent.destroy();
  console.log(JSON.stringify(samples));
})();
`;

/** Runs PROBE against `url` for `seconds`; resolves with the latencies in ms (empty if the probe failed). */
export function probeHealth(url: string, seconds: number): Promise<number[]> {
  const child = spawn(process.execPath, ['-e', PROBE, url, String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as number[]);
      } catch {
        resolve([]);
      }
    });
  });
}

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Starts `node ARGS` and resolves once it prints its address; rejects if it exits first or takes 60 s. */
export function start(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1]! });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

/** SIGTERM, then waits for the exit. */
export async function stop(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

function statOf(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const number = (i: number) => Number(fields[i - 3]);
    // utime + stime + cutime + cstime: this process's threads and its children that exited.
    return { ppid: number(4), ticks: number(14) + number(15) + number(16) + number(17) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by the processes `roots` and all their descendants (every thread, from Linux's /proc);
 * undefined where /proc is not there. What a server spends per event, however busy the machine is otherwise.
 */
export function cpuSeconds(roots: readonly number[]): number | undefined {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return undefined;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of pids) {
    const stat = statOf(pid);
    if (stat !== undefined) stats.set(pid, stat);
  }
  const wanted = new Set(roots);
  let ticks = 0;
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!wanted.has(pid) && wanted.has(stat.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of wanted) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

/** The PostgreSQL server listening on `port` (its postmaster), found by its command line; undefined if none. */
export function postgresPid(port: number): number | undefined {
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let args: string[];
      try {
        args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      } catch {
        continue;
      }
      const p = args.indexOf('-p');
      if (args[0]?.endsWith('/postgres') && p !== -1 && args[p + 1] === String(port)) return Number(name);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
