/**
 * The process around `main`: real standard streams, signals, and the exit code.
 */
import { main } from './main';

const stopSignal = new Promise<string>((resolve) => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stopSignal,
    stdin: () => process.stdin,
  });
} catch (error) {
  process.stderr.write(`[touchpoint] unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 70;
}
