/**
 * `pnpm --filter @touchpoint/example-custom-backend start [-- --port 8789]`: the support app with its own
 * feedback endpoint; stored rows go to `.data/custom-backend/feedback.jsonl`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSupportApp } from './support-app';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8789' } },
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
});
const dataDir = fileURLToPath(new URL('../../../.data/custom-backend/', import.meta.url));
mkdirSync(dataDir, { recursive: true });
const app = await startSupportApp({ port: Number(values.port), dataFile: join(dataDir, 'feedback.jsonl') });
console.log(`[touchpoint] the support app is open: ${app.url}/
  End the chat to be asked an NPS question; answers go to the app's own endpoint, POST ${app.url}/api/feedback,
  mapped to its rows by src/feedback-body.ts, and are appended to ${join(dataDir, 'feedback.jsonl')}.
  Stop with Ctrl+C.`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
