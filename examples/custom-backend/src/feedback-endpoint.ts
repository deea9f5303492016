/**
 * The app's own endpoint, `POST /api/feedback`: what a team already running a backend adds to it. It checks the
 * body, stores each row once by its key (appended to a JSON-lines file before it answers, so an answer means
 * stored), and answers `202 { accepted, duplicates }`. Nothing here is Touchpoint code.
 */
import { appendFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedbackRow } from './feedback-body';

/** The largest body accepted; Touchpoint's collector never sends more than 48 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface FeedbackStore {
  /** Every row, in the order stored. */
  readonly rows: readonly FeedbackRow[];
  /** Stores the rows whose key is new; returns how many were new. */
  add(rows: readonly FeedbackRow[]): Promise<number>;
}

/**
 * Rows in memory, and appended to `file` (one JSON row per line) when given.
 * @default file none (memory only)
 */
export function createFeedbackStore(file?: string): FeedbackStore {
  const rows: FeedbackRow[] = [];
  const keys = new Set<string>();
  return {
    rows,
    async add(incoming) {
      const fresh = incoming.filter((row, index) => {
        if (keys.has(row.key)) return false;
        // The same key twice in one body counts once too.
        return incoming.findIndex((other) => other.key === row.key) === index;
      });
      if (fresh.length === 0) return 0;
      if (file !== undefined) await appendFile(file, fresh.map((row) => `${JSON.stringify(row)}\n`).join(''));
      for (const row of fresh) {
        keys.add(row.key);
        rows.push(row);
      }
      return fresh.length;
    },
  };
}

const KINDS = new Set(['shown', 'answered', 'completed', 'dismissed']);
const isText = (value: unknown, max = 200): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/** The row's problem in words, or undefined when it is a valid row. */
function problemOf(row: unknown, index: number): string | undefined {
  if (typeof row !== 'object' || row === null) return `responses[${index}] is not an object`;
  const r = row as Record<string, unknown>;
  for (const field of ['key', 'survey', 'touchpoint', 'response', 'page', 'at'] as const)
    if (!isText(r[field], field === 'page' ? 2048 : 200)) return `responses[${index}].${field} is missing`;
  if (!KINDS.has(r.kind as string))
    return `responses[${index}].kind is not shown, answered, completed or dismissed`;
  if (r.score !== null && !Number.isInteger(r.score))
    return `responses[${index}].score is not a whole number`;
  if (r.comment !== null && !isText(r.comment, 5000)) return `responses[${index}].comment is not text`;
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const reply = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Handles `POST /api/feedback` with `store`. */
export async function handleFeedback(
  req: IncomingMessage,
  res: ServerResponse,
  store: FeedbackStore,
): Promise<void> {
  if (req.method !== 'POST') return void reply(res, 405, { error: 'use POST' });
  const text = await readBody(req);
  if (text === undefined) return void reply(res, 413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return void reply(res, 400, { error: 'the body is not JSON' });
  }
  const responses = (body as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses) || responses.length === 0)
    return void reply(res, 400, { error: 'expected { "responses": [ … ] } with at least one row' });
  const problem = responses.map(problemOf).find((p) => p !== undefined);
  if (problem !== undefined) return void reply(res, 400, { error: problem });
  const rows = responses as FeedbackRow[];
  const accepted = await store.add(rows);
  reply(res, 202, { accepted, duplicates: rows.length - accepted });
}
