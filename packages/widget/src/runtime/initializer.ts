/**
 * `init` with its guarantees, shared by the npm entry and the script tag: options checked (a clear error names the
 * problem), one widget per page (a second `init` returns the same handle; with a different config it warns once
 * and is ignored, as React StrictMode and SPA re-mounts call `init` twice), and never a throw into the host.
 * After `destroy()`, `init` starts a new widget.
 */
import { createLogger, type Logger } from './logger';
import { fingerprint, loaderOptions } from './options';
import { createWidget, type TouchpointHandle, type WidgetEnv } from './widget';

const noop = () => {};

/** The handle of an `init` that could not start: every method does nothing. */
export const INERT_HANDLE: TouchpointHandle = {
  track: noop,
  identify: noop,
  consent: noop,
  show: noop,
  page: noop,
  reset: noop,
  destroy: noop,
};

export function createInitializer(environment: () => WidgetEnv): (input: unknown) => TouchpointHandle {
  let active: { handle: TouchpointHandle; print: string; warned?: boolean } | undefined;
  return (input) => {
    let log: Logger | undefined;
    try {
      const env = environment();
      const console = env.console ?? env.window.console;
      log = createLogger(console, false);
      const print = fingerprint(input);
      if (active) {
        if (print !== active.print && !active.warned) {
          active.warned = true;
          log.warn('init again with another config: ignored');
        }
        return active.handle;
      }
      const options = loaderOptions(input, env.window);
      if (typeof options === 'string') {
        log.error(`init: ${options}; not started`);
        return INERT_HANDLE;
      }
      const widget = createWidget(options, env, createLogger(console, options.debug));
      const entry = {
        print,
        handle: {
          ...widget,
          destroy() {
            if (active === entry) active = undefined;
            widget.destroy();
          },
        },
      };
      active = entry;
      return entry.handle;
    } catch (error) {
      log?.error('init failed:', error);
      return INERT_HANDLE;
    }
  };
}
