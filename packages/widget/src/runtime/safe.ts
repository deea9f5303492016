/**
 * The host page is sacred: nothing the widget does may throw into it. Every entry point (handle methods, DOM
 * listeners, timers, promise continuations, callbacks from the UI) runs through `safely`.
 */
import type { Logger } from './logger';

/** Runs `fn`, logging instead of throwing; returns its result, or `undefined` when it threw. */
export function safely<T>(log: Logger, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    log.error(`${what} failed:`, error);
    return undefined;
  }
}

/** Wraps a function so it never throws. */
export const guarded =
  <A extends unknown[]>(log: Logger, what: string, fn: (...args: A) => void) =>
  (...args: A): void => {
    safely(log, what, () => fn(...args));
  };
