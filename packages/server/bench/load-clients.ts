/**
 * The ingest benchmark's load generator, run as its own process at a lower CPU priority (nice 10): on a machine
 * whose two cores the server shares with its clients, the server under test gets the CPU first, as it would with
 * its clients on other machines. N clients post batches of fresh events for S seconds (at most `max-requests`
 * requests): completed answers with a comment (`--traffic answers`, with `--ids time` or `random`) or the events
 * widgets send (`--traffic widget`, see `sample-batch.ts`). Prints `started` as it begins, then one line of JSON:
 * acknowledged and refused requests, the seconds taken and every request's latency in ms. Started by
 * `ingest-load-bench.ts`:
 *
 *   node bin/run-ts.js bench/load-clients.ts --url http://127.0.0.1:PORT --seconds 10 --clients 50 --batch 10 --ids time --traffic answers
 */
import { setPriority } from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { type BenchIds, type BenchTraffic, sampleBatch, widgetTraffic } from './sample-batch';

/** The nice value of the load generator (0 is normal, 19 the lowest priority). */
export const CLIENT_NICE = 10;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    url: { type: 'string' },
    path: { type: 'string', default: '/v1/events?site=pk_demo' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '50' },
    batch: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '500000' },
    ids: { type: 'string', default: 'time' },
    traffic: { type: 'string', default: 'answers' },
  },
});
if (values.url === undefined) throw new Error('load-clients: --url is required');
const SECONDS = Math.min(120, Number(values.seconds));
const CLIENTS = Number(values.clients);
const BATCH = Number(values.batch);
const MAX_REQUESTS = Number(values['max-requests']);
if (values.ids !== 'time' && values.ids !== 'random')
  throw new Error('load-clients: --ids is time or random');
const IDS: BenchIds = values.ids;
if (values.traffic !== 'answers' && values.traffic !== 'widget')
  throw new Error('load-clients: --traffic is answers or widget');
const TRAFFIC: BenchTraffic = values.traffic;

setPriority(CLIENT_NICE);
// The bench starts its CPU count and the health probe on this line.
console.log('started');
const pool = new Pool(values.url, { connections: CLIENTS, pipelining: 1 });
let requests = 0;
let acked = 0;
let failed = 0;
const ingest: number[] = [];
const started = performance.now();
const until = started + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const widget = widgetTraffic(BATCH);
    const body = () => (TRAFFIC === 'widget' ? widget() : sampleBatch(BATCH, IDS));
    while (performance.now() < until && requests < MAX_REQUESTS) {
      requests += 1;
      const t = performance.now();
      const response = await pool.request({
        path: values.path,
        method: 'POST',
        body: body(),
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      });
      const text = await response.body.text();
      ingest.push(performance.now() - t);
      if (response.statusCode === 200 && text.startsWith('{"ok":true')) acked += 1;
      else failed += 1;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
console.log(JSON.stringify({ acked, failed, seconds, ingest }));
