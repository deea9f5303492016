import type { Problem } from './problem';

/** The outcome of validating untrusted input: the typed value, or every problem found. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };
