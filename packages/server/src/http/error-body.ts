import type { ErrorBody, Problem } from '@touchpoint/core';

/** Problems listed in one error body; `problemCount` says how many there were (issue 11: no error amplification). */
export const MAX_PROBLEMS = 20;
/** Characters kept of a message and of each field of a problem. */
export const MAX_ERROR_TEXT = 300;

const clip = (text: string) =>
  text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT - 1)}…` : text;

/**
 * A refusal in core's `ErrorBodySchema` shape: a code a program can branch on and a message a person can read.
 * Bounded whatever the request was: the first `MAX_PROBLEMS` problems and their count, every text clipped, so a
 * small request can never earn a large answer.
 */
export function errorBody(code: string, message: string, problems?: readonly Problem[]): ErrorBody {
  if (problems === undefined) return { ok: false, error: { code, message: clip(message) } };
  const listed = problems.slice(0, MAX_PROBLEMS).map((problem) => ({
    path: clip(problem.path),
    expected: clip(problem.expected),
    received: clip(problem.received),
    message: clip(problem.message),
  }));
  return {
    ok: false,
    error: {
      code,
      message: clip(message),
      problems: listed,
      ...(problems.length > MAX_PROBLEMS ? { problemCount: problems.length } : {}),
    },
  };
}
