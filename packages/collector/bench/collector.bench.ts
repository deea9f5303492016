/**
 * Prints the collector's three figures (a benchmark prints; tests never assert on speed):
 *   1. events per second through the collector to a loopback reference-style server;
 *   2. memory of a 1,000-event queue (heap, and bytes in storage);
 *   3. bytes the collector adds to the script-tag bundle: esbuild bundle of what the embed imports, minified,
 *      brotli quality 11 (node:zlib).
 * Run: npx -y pnpm@10.34.9 --filter @touchpoint/collector bench
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { WireEvent } from '@touchpoint/core';
import { listen } from '@touchpoint/testkit';
import { build } from 'esbuild';
import { createCollector, type StorageLike } from '../src/index';

class MapStorage implements StorageLike {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  bytes() {
    let total = 0;
    for (const [k, v] of this.items) total += (k.length + v.length) * 2; // UTF-16, as browsers count the quota
    return total;
  }
}

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
/** A realistic answer: an NPS score and a short comment, with context and an identified visitor. */
const event = (): WireEvent => ({
  v: 1,
  id: uuid(),
  type: 'completed',
  surveyId: 'nps-checkout',
  touchpoint: 'checkout.completed',
  responseId: uuid(),
  at: new Date().toISOString(),
  answers: [
    { questionId: 'score', type: 'nps', value: n % 11 },
    { questionId: 'reason', type: 'text', value: 'Delivery was quick and the checkout was easy to follow.' },
  ],
  context: { path: '/checkout/thanks', locale: 'nl-BE', device: 'desktop', referrerHost: 'www.example.com' },
  visitor: { id: 'v-2f6c1a', userId: 'customer-1234', attributes: { plan: 'pro', orders: 3 } },
});

const quiet = { logger: null, lifecycle: null } as const;

async function throughput() {
  const seen = new Set<string>();
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: WireEvent[] };
      let stored = 0;
      for (const e of events) if (!seen.has(e.id) && seen.add(e.id)) stored++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, stored, duplicates: events.length - stored }));
    });
  });
  const total = 20_000;
  // Bursts stay well inside the queue's bounds (1,000 events, 256 KiB), which would otherwise drop the oldest.
  const burst = 200;
  const collector = createCollector({
    ...quiet,
    endpoint: server.url,
    siteKey: 'bench',
    storage: new MapStorage(),
    onError: (error) => {
      throw error;
    },
  });
  const events = Array.from({ length: total }, event);
  const started = performance.now();
  for (let i = 0; i < total; i += burst) {
    for (const e of events.slice(i, i + burst)) collector.send(e);
    await collector.flush();
  }
  const seconds = (performance.now() - started) / 1000;
  await collector.close();
  await server.close();
  if (seen.size !== total) throw new Error(`delivered ${seen.size} of ${total}`);
  return { total, seconds, perSecond: Math.round(total / seconds) };
}

async function queueMemory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const offline = { isOnline: () => false, subscribe: () => () => {} };
  const events = Array.from({ length: 1000 }, event);
  const measure = (storage: StorageLike | null) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const dropped: unknown[] = [];
    const collector = createCollector({
      ...quiet,
      endpoint: 'http://127.0.0.1:9',
      siteKey: 'bench',
      storage,
      online: offline,
      // The default 256 KiB bound holds about 450 events of this size; lift it to hold all 1,000.
      queue: { maxEvents: 1000, maxBytes: 1024 * 1024 },
      onError: (error) => dropped.push(error),
    });
    for (const e of events) collector.send(e);
    if (dropped.length > 0) throw new Error(`${dropped.length} errors while queueing`);
    gc();
    const heap = process.memoryUsage().heapUsed - before;
    void collector.close();
    return heap;
  };
  measure(null); // warm up the code paths
  const heapMemoryOnly = measure(null);
  const storage = new MapStorage();
  const heapWithStorage = measure(storage);
  await new Promise((resolve) => setImmediate(resolve));
  const json = events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  return { heapMemoryOnly, heapWithStorage, storageBytes: storage.bytes(), json };
}

async function bundleBytes() {
  const sizes = async (entry: string) => {
    const result = await build({
      entryPoints: [new URL(entry, import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      conditions: ['@touchpoint/source'],
      write: false,
    });
    const code = result.outputFiles[0]!.contents;
    return {
      minified: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  return { embed: await sizes('./embed-entry.ts'), everything: await sizes('../src/index.ts') };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const t = await throughput();
console.log(
  `throughput: ${t.perSecond.toLocaleString('en')} events/s through the collector to a loopback server (${t.total.toLocaleString('en')} events in ${t.seconds.toFixed(2)} s, batches of 100, storage on)`,
);
const m = await queueMemory();
console.log(
  `queue memory: 1,000 queued events (${kib(m.json / 1000)} each as JSON) take ${kib(m.heapMemoryOnly)} of heap in memory-only mode (${Math.round(m.heapMemoryOnly / 1000)} B/event), ${kib(m.heapWithStorage)} with storage, and ${kib(m.storageBytes)} of localStorage quota (events are ${kib(m.json)} as JSON)`,
);
const b = await bundleBytes();
console.log(
  `bundle: the collector adds ${b.embed.brotli.toLocaleString('en')} B brotli (q11) to the script-tag bundle (createCollector + reference server; ${b.embed.minified.toLocaleString('en')} B minified, ${b.embed.gzip.toLocaleString('en')} B gzip); every export: ${b.everything.brotli.toLocaleString('en')} B brotli`,
);
