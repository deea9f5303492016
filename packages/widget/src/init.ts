/**
 * `init()` of the npm entry: the same widget as the script tag, with the survey runtime and the DOM trigger
 * sources loaded by dynamic imports (bundlers split them off) and events going to `onEvent`.
 */
import { createInitializer, INERT_HANDLE } from './runtime/initializer';
import type { InitOptions } from './runtime/options';
import type { HostWindow } from './runtime/triggers/trigger-source';
import type { LoadPart, TouchpointHandle, WidgetParts } from './runtime/widget';
import type { MountSurvey } from './ui/survey-view';

export interface NpmInitOptions extends InitOptions {
  /**
   * Draws the survey card yourself (headless use, or tests); it gets the survey and reports what the visitor does.
   * @default the built-in card
   */
  mountSurvey?: MountSurvey;
}

let mount: MountSurvey | undefined;
/** The parts of the widget, each a dynamic import (bundlers split them off); no collector: events go to `onEvent`. */
const parts: { [Name in keyof WidgetParts]: () => Promise<WidgetParts[Name]> } = {
  survey: async () => {
    const { startRuntime } = await import('./npm-runtime');
    const card = mount ?? (await import('./ui/index')).mountSurvey;
    return startRuntime(card);
  },
  triggers: () => import('./runtime/triggers/trigger-sources').then((m) => m.startTriggerSources),
  debug: () => import('./runtime/words'),
  collector: async () => undefined,
};
const initialize = createInitializer(() => ({
  window: window as HostWindow,
  load: ((name: keyof WidgetParts) => parts[name]()) as LoadPart,
}));

/**
 * Starts the widget and returns its handle. Safe to call more than once: the same handle comes back (a different
 * config is ignored with one warning until `destroy()`). Never throws; problems are logged with `[touchpoint]`.
 *
 * @example
 * const touchpoint = init({ siteKey: 'pk_shop', endpoint: 'https://feedback.example.com', onEvent: createCollector({ … }) });
 * touchpoint.track('checkout.completed');
 */
export function init(options: NpmInitOptions): TouchpointHandle {
  if (typeof window === 'undefined') return INERT_HANDLE; // server-side rendering: nothing to watch
  if (typeof options === 'object' && options !== null && typeof options.mountSurvey === 'function')
    mount = options.mountSurvey;
  return initialize(options);
}
