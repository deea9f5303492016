/**
 * Every console line of the widget starts with `[touchpoint]` (msw's `[MSW]` habit). Errors and warnings always
 * print; `debug` lines print only in debug mode. The console is passed in, never captured at import time.
 */
export interface Logger {
  readonly debugging: boolean;
  debug(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

export type ConsoleLike = Pick<Console, 'log' | 'warn' | 'error'>;

const PREFIX = '[touchpoint]';

export function createLogger(console: ConsoleLike | undefined, debugging: boolean): Logger {
  // A host that replaced console methods with throwing ones must not see that throw come back through us.
  const print = (method: 'log' | 'warn' | 'error', parts: unknown[]) => {
    try {
      console?.[method](PREFIX, ...parts);
    } catch {}
  };
  return {
    debugging,
    debug: (...parts) => {
      if (debugging) print('log', parts);
    },
    warn: (...parts) => print('warn', parts),
    error: (...parts) => print('error', parts),
  };
}
