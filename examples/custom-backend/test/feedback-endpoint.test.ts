import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackRow } from '../src/feedback-body';
import {
  createFeedbackStore,
  type FeedbackStore,
  handleFeedback,
  MAX_BODY_BYTES,
} from '../src/feedback-endpoint';

const row = (key: string, extra: Partial<FeedbackRow> = {}): FeedbackRow => ({
  key,
  kind: 'completed',
  survey: 'nps-support-chat',
  touchpoint: 'support.chat.ended',
  response: 'r-1',
  metric: 'nps',
  score: 9,
  comment: null,
  page: '/',
  at: '2026-11-20T10:15:00.000Z',
  ...extra,
});

let server: Server | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The endpoint on a real socket on 127.0.0.1. */
async function endpoint(
  store: FeedbackStore,
): Promise<(body: string, method?: string) => Promise<[number, unknown]>> {
  server = createServer((req, res) => void handleFeedback(req, res, store));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/feedback`;
  return async (body, method = 'POST') => {
    const response = await fetch(url, method === 'POST' ? { method, body } : { method });
    return [response.status, await response.json()];
  };
}

describe('the app’s feedback endpoint', () => {
  it('stores each row once by its key, however often it is sent, and appends it to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-feedback-'));
    dirs.push(dir);
    const file = join(dir, 'feedback.jsonl');
    const store = createFeedbackStore(file);
    const post = await endpoint(store);
    const body = JSON.stringify({ responses: [row('k1'), row('k2'), row('k1')] });
    expect(await post(body)).toEqual([202, { accepted: 2, duplicates: 1 }]);
    expect(await post(body)).toEqual([202, { accepted: 0, duplicates: 3 }]);
    expect(store.rows.map((r) => r.key)).toEqual(['k1', 'k2']);
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).key),
    ).toEqual(['k1', 'k2']);
  });

  it('refuses what is not its shape with a 400 that names the problem, and stores nothing', async () => {
    const store = createFeedbackStore();
    const post = await endpoint(store);
    expect(await post('not json')).toEqual([400, { error: 'the body is not JSON' }]);
    expect(await post('{"responses":[]}')).toEqual([
      400,
      { error: 'expected { "responses": [ … ] } with at least one row' },
    ]);
    expect(await post(JSON.stringify({ responses: [row('k1'), row('k2', { score: 4.5 })] }))).toEqual([
      400,
      { error: 'responses[1].score is not a whole number' },
    ]);
    expect(await post(JSON.stringify({ responses: [{ ...row('k3'), kind: 'clicked' }] }))).toEqual([
      400,
      { error: 'responses[0].kind is not shown, answered, completed or dismissed' },
    ]);
    expect(store.rows).toEqual([]);
  });

  it(`answers 413 above ${MAX_BODY_BYTES} bytes and 405 to anything but POST`, async () => {
    const post = await endpoint(createFeedbackStore());
    expect((await post('x'.repeat(MAX_BODY_BYTES + 1)))[0]).toBe(413);
    expect(await post('', 'GET')).toEqual([405, { error: 'use POST' }]);
  });
});
