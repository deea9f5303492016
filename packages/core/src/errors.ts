/**
 * Core's errors. Each carries a literal `name`, so `isTouchpointError` works across realms (ky's pattern).
 */

export class TouchpointError extends Error {
  override name: string = 'TouchpointError';
}

/** A score that is not a whole number on its metric's scale, e.g. NPS 11 or 7.5. */
export class ScoreRangeError extends TouchpointError {
  override name = 'ScoreRangeError' as const;
}

/** Two tallies of different metrics or scales were merged or compared. */
export class TallyMismatchError extends TouchpointError {
  override name = 'TallyMismatchError' as const;
}

const NAMES = new Set(['TouchpointError', 'ScoreRangeError', 'TallyMismatchError']);

export function isTouchpointError(error: unknown): error is TouchpointError {
  return error instanceof TouchpointError || (error instanceof Error && NAMES.has(error.name));
}
