/**
 * Hand-written guards for the reference server's answers (core's `AckSchema` and `ErrorBodySchema`), so the
 * browser bundle needs no zod; `test/guards.test.ts` proves they agree with the schemas. Own keys only, as in
 * `isWireEvent`.
 */
import type { Ack, ErrorBody } from '@touchpoint/core';
import { ownValue as get, isRecord } from './own-fields';

const count = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown) => typeof value === 'string';

/** `{ ok: true, stored, duplicates }`: every event of the batch is durably stored (new or already there). */
export function isAck(value: unknown): value is Ack {
  return (
    isRecord(value) &&
    get(value, 'ok') === true &&
    count(get(value, 'stored')) &&
    count(get(value, 'duplicates'))
  );
}

/** `{ ok: false, error: { code, message, problems? } }`: the server's refusal, naming each bad field by path. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value) || get(value, 'ok') !== false) return false;
  const error = get(value, 'error');
  if (!isRecord(error)) return false;
  const problems = get(error, 'problems');
  return (
    isText(get(error, 'code')) &&
    isText(get(error, 'message')) &&
    (problems === undefined ||
      (Array.isArray(problems) &&
        problems.every(
          (p) =>
            isRecord(p) && ['path', 'expected', 'received', 'message'].every((key) => isText(get(p, key))),
        )))
  );
}

/** JSON.parse that returns `undefined` instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
