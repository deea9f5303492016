/**
 * A gzip bomb keeps the server's memory bounded (docs/faults.md case 61): 1 GiB of zeros, gzipped to about 1 MB,
 * sent with the wire cap raised so the body reaches the decompressor. The decompressed-size cap stops it at
 * `maxDecompressedBytes` (320 KiB by default) with 413; the process's resident memory, sampled while the request
 * runs, never grows by more than `RSS_BOUND_BYTES`. Without the cap the decompressor would hold the whole GiB.
 */
import { createGzip } from 'node:zlib';
import { ErrorBodySchema } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { DEFAULT_LIMITS } from '../src/limits';
import { databaseKinds } from './support/databases';
import { SHOP_KEY, testSite } from './support/sites';

const BOMB_BYTES = 1024 * 1024 * 1024;
/** Growth of the resident set allowed while the bomb is refused: far under the GiB it would take unchecked. */
const RSS_BOUND_BYTES = 64 * 1024 * 1024;

/** gzip of `size` zero bytes, made in 1 MiB steps so this process never holds the uncompressed data. */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => gzip.once('end', resolve));
  const zero = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zero.length) {
    if (!gzip.write(zero)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('a gzip bomb', () => {
  it('of 1 GiB is refused with 413 at the decompressed cap, and memory stays within 64 MiB of where it was', async () => {
    const bomb = await gzipOfZeros(BOMB_BYTES);
    const database = await databaseKinds()[0]!.start();
    try {
      const app = createApp({
        store: await database.openStore(),
        sites: [testSite()],
        log: () => {},
        // Let the compressed bomb in, so the decompressed cap (left at its default) is what stops it.
        limits: { maxBodyBytes: bomb.length + 1024 },
      });
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 2);
      const response = await app.request(`http://touchpoint.test/v1/events?site=${SHOP_KEY}`, {
        method: 'POST',
        body: bomb,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Encoding': 'gzip' },
      });
      const body = ErrorBodySchema.parse(await response.json());
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(peak - before, `RSS grew from ${before} to ${peak} bytes`).toBeLessThan(RSS_BOUND_BYTES);
      expect(response.status).toBe(413);
      expect(body.error.code).toBe('decompressed_too_large');
      expect(body.error.message).toContain(String(DEFAULT_LIMITS.maxDecompressedBytes));
    } finally {
      await database.stop();
    }
  });
});
