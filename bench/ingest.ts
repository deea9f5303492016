/**
 * Ingest throughput, as a ratio to a bare node:http handler: the server package's own benchmark
 * (`packages/server/bench/ingest-bench.ts`), run as a child process exactly as `pnpm --filter @touchpoint/server
 * bench` runs it, its lines passed through and its figures read back for the table and the JSON report.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface IngestRow {
  readonly target: string;
  readonly requestsPerSecond: number;
  readonly eventsPerSecond: number;
  /** Events per second as a ratio to the bare handler's; null for the bare handler itself. */
  readonly ratioToBare: number | null;
  readonly latency: string;
}

export interface IngestFigures {
  readonly rows: IngestRow[];
  readonly output: string;
}

const LINE =
  /^\s{2}(.+?)\s+(\d+) requests\/s\s+(\d+) events\/s(?:\s+= ([\d.]+) × bare)?\s+· latency (p50 [\d.]+ ms, p99 [\d.]+ ms)/;

export async function measureIngest(seconds: number): Promise<IngestFigures> {
  const serverDir = dirname(createRequire(import.meta.url).resolve('@touchpoint/server/package.json'));
  const child = spawn(
    process.execPath,
    [join(serverDir, 'bin', 'run-ts.js'), 'bench/ingest-bench.ts', '--seconds', String(seconds)],
    { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the server's ingest benchmark exited with code ${code}`);
  const rows = output.split('\n').flatMap((line): IngestRow[] => {
    const match = LINE.exec(line);
    if (!match) return [];
    return [
      {
        target: match[1]!.trim(),
        requestsPerSecond: Number(match[2]),
        eventsPerSecond: Number(match[3]),
        ratioToBare: match[4] === undefined ? null : Number(match[4]),
        latency: match[5]!,
      },
    ];
  });
  return { rows, output };
}
