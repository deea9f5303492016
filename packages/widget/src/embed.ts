/**
 * The script-tag entry, embed.js: the loader every page view pays for (budget ≤ 3 kB brotli). It replaces the
 * stub's queue with the real `touchpoint` function, replays the queued calls in order, and starts the widget,
 * whose parts come from the same folder when needed: `touchpoint-triggers.js` (the DOM trigger sources) on pages
 * where a click, scroll, time, exit-intent or visibility trigger applies; `touchpoint-survey.js` (the survey
 * runtime and UI) and `touchpoint-collector.js` (the collector), in parallel during idle time where a trigger
 * applies, the runtime started on the first occurrence that fires one once both are there; the collector chunk
 * alone where an earlier page left events. `touchpoint` is the only global; a second copy of this script does
 * nothing but warn once.
 */
import { createChunkLoader } from './runtime/chunk-loader';
import { createInitializer } from './runtime/initializer';
import { createLogger } from './runtime/logger';
import { storedEvents } from './runtime/stored-events';
import type { HostWindow } from './runtime/triggers/trigger-source';
import type { TouchpointHandle } from './runtime/widget';
import { VERSION } from './version';

/** The global: call it as `touchpoint(command, ...args)`. */
export interface TouchpointGlobal {
  (command: string, ...args: unknown[]): void;
  /** The stub's queue of calls made before embed.js arrived. */
  q?: ArrayLike<unknown>[];
  /** Version of the running embed.js; set once it has loaded. */
  v?: string;
  /** How a chunk hands over what it exports (internal): `r(name, value)`. */
  r?: (name: string, value: unknown) => void;
}

(() => {
  const host = window as HostWindow & { touchpoint?: TouchpointGlobal };
  const stub = host.touchpoint;
  const { warn } = createLogger(host.console, false);
  if (stub?.v) return warn('embed.js is included twice: ignored');
  const script = document.currentScript as HTMLScriptElement | null;
  const nonce = script?.nonce || undefined;
  const chunks = createChunkLoader(host, new URL('.', script?.src || location.href).href, nonce);
  const initialize = createInitializer(() => ({
    window: host,
    // Part `name` is the chunk `touchpoint-{name}.js` beside embed.js.
    load: chunks.load,
    storedEvents,
  }));
  let handle: TouchpointHandle | undefined;
  const early: unknown[][] = [];

  const touchpoint: TouchpointGlobal = (command, ...args) => {
    try {
      if (command === 'init') {
        const options = args[0];
        // The card's fallback <style> gets the loader's nonce unless the page names one.
        handle = initialize(nonce && typeof options === 'object' ? { nonce, ...options } : options);
        for (const call of early.splice(0)) touchpoint(...(call as [string]));
      } else if (!handle) {
        // Calls before init wait for it (at most 100).
        if (early.length < 100) early.push([command, ...args]);
      } else if (Object.hasOwn(handle, command)) {
        (handle[command as keyof TouchpointHandle] as (...a: unknown[]) => void)(...args);
        if (command === 'destroy') handle = undefined;
      } else warn('unknown command:', command);
    } catch (error) {
      warn(`${String(command)} failed:`, error);
    }
  };
  touchpoint.v = VERSION;
  touchpoint.r = chunks.register;
  host.touchpoint = touchpoint;
  for (const call of stub?.q ?? []) touchpoint(...(Array.from(call) as [string]));
})();
