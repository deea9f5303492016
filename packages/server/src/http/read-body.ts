/**
 * Reads a request body within the limits: at most `maxBodyBytes` as sent, at most `maxDecompressedBytes` once
 * gunzipped, valid UTF-8 and valid JSON. A refusal is a status and a clear error; the socket is never reset
 * (the Node adapter drains what the client still sends after the answer).
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ServerLimits } from '../limits';
import { findDuplicateKey } from './duplicate-key';

const gunzipAsync = promisify(gunzip);

export type BodyRefusal = {
  readonly ok: false;
  readonly status: 400 | 413 | 415;
  readonly code: string;
  readonly message: string;
};
export type BodyResult = { readonly ok: true; readonly value: unknown } | BodyRefusal;

const refuse = (status: BodyRefusal['status'], code: string, message: string): BodyRefusal => ({
  ok: false,
  status,
  code,
  message,
});

/** Content types a batch may come in: `text/plain` (CORS-simple, what browsers send) or `application/json`. */
export function acceptedContentType(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  const [type = '', ...params] = header
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (type !== 'text/plain' && type !== 'application/json') return false;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * Replaces what a database cannot store in text: lone UTF-16 surrogates (from `\ud800` escapes) and U+0000 become
 * U+FFFD, as PostHog's capture does (fault case 58).
 */
export function wellFormed(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replaceAll(String.fromCharCode(0), '\ufffd');
}

/** `wellFormed` on every string inside a parsed JSON value, iteratively (deep nesting cannot overflow the stack). */
function wellFormedDeep(root: unknown): unknown {
  if (typeof root === 'string') return wellFormed(root);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') record[key] = wellFormed(value);
      else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return root;
}

async function readCapped(request: Request, max: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // Stop reading without cancelling: cancelling would destroy the socket, and the client would see a reset
      // instead of the 413. The adapter drains and discards the rest once the answer is sent.
      reader.releaseLock();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The same as `readCapped`, straight from Node's request stream (no web `Request` or `ReadableStream` is built:
 * on the ingest path that cost more main-thread time than validating the batch). Past `max` it stops listening
 * without destroying the socket; the adapter drains the rest once the answer is sent.
 */
function readCappedIncoming(incoming: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.byteLength;
      if (total > max) {
        done();
        incoming.pause();
        resolve(undefined);
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error('the client went away before the body was complete'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** Node's request under a Hono context on the Node adapter, while nothing has read its body yet. */
export function unreadIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming === undefined || typeof incoming.on !== 'function' || incoming.readableDidRead)
    return undefined;
  if (incoming.readableEnded || incoming.destroyed) return undefined;
  return incoming;
}

/**
 * Reads and parses a JSON request body within the limits. With `incoming` (Node's request, unread), the body is
 * read from it directly instead of through the web `Request`.
 */
export async function readJsonBody(
  request: Request,
  limits: Pick<ServerLimits, 'maxBodyBytes' | 'maxDecompressedBytes'>,
  incoming?: IncomingMessage,
): Promise<BodyResult> {
  if (!acceptedContentType(request.headers.get('content-type') ?? undefined)) {
    return refuse(
      415,
      'unsupported_content_type',
      'Send the batch as text/plain or application/json in UTF-8.',
    );
  }
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '') {
    return refuse(415, 'unsupported_content_encoding', 'Content-Encoding may be gzip or left out.');
  }
  const tooLarge = refuse(
    413,
    'body_too_large',
    `The request body is larger than ${limits.maxBodyBytes} bytes; send fewer events per request.`,
  );
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return tooLarge;
  let bytes: Uint8Array | undefined;
  try {
    bytes =
      incoming === undefined
        ? await readCapped(request, limits.maxBodyBytes)
        : await readCappedIncoming(incoming, limits.maxBodyBytes);
  } catch {
    // The client went away mid-body (or was timed out): nobody will read this answer, and nothing is stored.
    return refuse(400, 'incomplete_body', 'The request body ended before it was complete.');
  }
  if (bytes === undefined) return tooLarge;

  if (encoding === 'gzip') {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: limits.maxDecompressedBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return refuse(
          413,
          'decompressed_too_large',
          `The request body is larger than ${limits.maxDecompressedBytes} bytes once decompressed.`,
        );
      }
      return refuse(400, 'invalid_gzip', 'The body is not valid gzip data.');
    }
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(400, 'invalid_encoding', 'The body is not valid UTF-8.');
  }
  if (text.trim() === '') return refuse(400, 'empty_body', 'The request body is empty; send a batch.');
  try {
    const value: unknown = JSON.parse(text);
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) {
      return refuse(400, 'duplicate_key', `The key ${duplicate} appears twice in one object; send it once.`);
    }
    // Only a \u escape can make a lone surrogate or a NUL: raw bytes were checked by the UTF-8 decoder.
    return { ok: true, value: text.includes('\\u') ? wellFormedDeep(value) : value };
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
    return refuse(400, 'invalid_json', `The body is not valid JSON${detail}.`);
  }
}
