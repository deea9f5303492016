/**
 * Test helpers: a fake MountSurvey (dependency injection; the real card is tested in test/ui) and a widget wired
 * to it the way the npm entry wires the real one.
 */
import type { SurveyInput, WireEvent } from '@touchpoint/core';
import { vi } from 'vitest';
import { createInitializer } from '../../src/runtime/initializer';
import { createSurveyRuntime } from '../../src/runtime/survey-runtime';
import type { HostWindow } from '../../src/runtime/triggers/trigger-source';
import { startTriggerSources } from '../../src/runtime/triggers/trigger-sources';
import type { LoadPart, WidgetEnv, WidgetParts } from '../../src/runtime/widget';
import * as words from '../../src/runtime/words';
import type { MountSurvey, SurveyCallbacks, SurveyView } from '../../src/ui/survey-view';

export interface Mounted {
  readonly view: SurveyView;
  readonly callbacks: SurveyCallbacks;
  closed: boolean;
}

/** Draws nothing; reports `onShown` at once and lets the test play the visitor through `callbacks`. */
export function fakeMount() {
  const mounted: Mounted[] = [];
  const mountSurvey: MountSurvey = (_document, view, callbacks) => {
    const entry: Mounted = { view, callbacks, closed: false };
    mounted.push(entry);
    callbacks.onShown();
    return {
      close() {
        if (entry.closed) return;
        entry.closed = true;
        callbacks.onClosed();
      },
    };
  };
  return { mounted, mountSurvey };
}

export const survey = (extra: Partial<SurveyInput> = {}): SurveyInput => ({
  id: 'nps-checkout',
  touchpoint: 'checkout.completed',
  question: { type: 'nps' },
  triggers: [{ type: 'event', name: 'checkout.completed' }],
  ...extra,
});

export function quietConsole() {
  return { log: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** Every widget a test started; `destroyAll()` in afterEach leaves the page as it was. */
const started: { destroy(): void }[] = [];
export function destroyAll() {
  for (const handle of started.splice(0)) handle.destroy();
}

/** How a test replaces a part of the widget: what `env.load(name)` gives for it (a value or a promise). */
export interface PartOverrides {
  readonly loadRuntime?: () => unknown;
  readonly loadWords?: () => unknown;
  readonly loadCollector?: () => unknown;
}

export function startWidget(
  options: Record<string, unknown>,
  { loadRuntime: runtimeOverride, loadWords, loadCollector, ...env }: Partial<WidgetEnv> & PartOverrides = {},
) {
  const events: WireEvent[] = [];
  const mount = fakeMount();
  const console = quietConsole();
  // The chunk (loaded when a trigger applies to the page: preload) and the runtime it starts (on a trigger).
  const startRuntime = vi.fn((params: Parameters<typeof createSurveyRuntime>[0]) =>
    createSurveyRuntime(params, { mountSurvey: mount.mountSurvey }),
  );
  const loadRuntime = vi.fn(runtimeOverride ?? (() => startRuntime));
  // As the npm entry: no collector part unless a test gives one (events go to `onEvent`).
  const parts: Record<keyof WidgetParts, () => unknown> = {
    survey: loadRuntime,
    triggers: () => startTriggerSources,
    debug: loadWords ?? (() => words),
    collector: loadCollector ?? (() => undefined),
  };
  const init = createInitializer(() => ({
    window: window as unknown as HostWindow,
    load: ((name: keyof WidgetParts) => parts[name]()) as LoadPart,
    console,
    ...env,
  }));
  const handle = init({ siteKey: 'site-1', onEvent: (event: WireEvent) => events.push(event), ...options });
  started.push(handle);
  return { handle, init, events, mounted: mount.mounted, console, loadRuntime, startRuntime };
}

/** Lets promise continuations (config, chunk loading) run, with fake timers on. */
export const settle = () => vi.advanceTimersByTimeAsync(0);

export const lines = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map((call) => call.map(String).join(' '));
