import type { ErrorBody, Problem } from '@touchpoint/core';

/** A refusal in core's `ErrorBodySchema` shape: a code a program can branch on and a message a person can read. */
export function errorBody(code: string, message: string, problems?: readonly Problem[]): ErrorBody {
  return problems === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, problems: [...problems] } };
}
