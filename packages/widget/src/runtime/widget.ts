/**
 * The widget as the host sees it: the handle of `init()` and the commands of the script tag. It loads the config,
 * watches the page (trigger sources) and starts the survey runtime lazily, on the first occurrence that fires one
 * of the config's triggers (core's `occurrenceFires` plus the trigger's URL rules): in the script-tag build the
 * runtime is a separate chunk, fetched with the collector chunk (in parallel) during idle time on a page where a
 * trigger applies (its URL rules), so the trigger never waits for the network, and never on a page where no trigger
 * applies. It also starts delivery (the collector, `delivery.ts`) once per widget: with the runtime, or alone where
 * an earlier page left events. This module is part of the loader every page view pays for, so it stays small.
 *
 * Calls made before the runtime is there are kept (identity, consent, previews, occurrences in order) and handed
 * over when it starts. Nothing here throws into the host page.
 */
import { matchesSubject, occurrenceFires, type Trigger, type TriggerOccurrence } from '@touchpoint/core';
import type { StartDelivery } from './delivery';
import type { ConsoleLike, Logger } from './logger';
import type { LoaderOptions } from './options';
import { PREVIEW_PARAM } from './preview-link';
import { guarded } from './safe';
import { storageArea } from './safe-storage';
import type { RuntimeFactory, RuntimeSink, SurveyRuntime } from './survey-runtime';
import { pageKey, watchPageViews } from './triggers/page-view';
import { triggersOf } from './triggers/trigger-options';
import type { HostWindow, TriggerSource } from './triggers/trigger-source';
import type { StartTriggerSources } from './triggers/trigger-sources';
import type { CryptoLike } from './uuid';
import { visitorKey } from './visitor-key';
import type { Words } from './words';

/** The handle `init()` returns. Every method is safe to call at any time; none throws. */
export interface TouchpointHandle {
  /** Reports a custom event, e.g. `track('checkout.completed')`; surveys with an `event` trigger of that name may show. */
  track(name: string): void;
  /** Tells who the visitor is: a user id and attributes for targeting; both are sent with events from now on. */
  identify(userId: string, attributes?: Record<string, string | number | boolean>): void;
  /** Consent mode: `true` starts storing the visitor record; `false` clears what was stored. */
  consent(granted: boolean): void;
  /** Previews a survey now, whatever the rules say; records nothing and sends no events. */
  show(surveyId: string): void;
  /** Counts a page view now (for navigations the history watching cannot see). */
  page(): void;
  /** Forgets the visitor (new anonymous id, empty history, no identity) and closes any survey. */
  reset(): void;
  /** Removes every listener, timer and the survey card, undoes the history wrapping, and closes the event sink. */
  destroy(): void;
}

/**
 * The parts of the widget loaded when needed, by name: in the script tag the chunk `touchpoint-{name}.js` (the
 * chunk loader), in the npm entry a dynamic import.
 */
export interface WidgetParts {
  /** The survey runtime and the card. */
  readonly survey: RuntimeFactory;
  /** The DOM trigger sources (click, scroll, time on page, exit intent, visibility). */
  readonly triggers: StartTriggerSources;
  /** The words of debug mode; loaded only when debugging. */
  readonly debug: Words;
  /**
   * What starts delivery (`delivery.ts`): the collector, fetched beside the survey runtime, or alone on a page where
   * events of an earlier page wait. The npm entry has none (`undefined`): its events go to `onEvent` only.
   */
  readonly collector: StartDelivery | undefined;
}

/** Loads a part of the widget once; rejects when it cannot be loaded. */
export type LoadPart = <Name extends keyof WidgetParts>(
  name: Name,
) => PromiseLike<WidgetParts[Name]> | WidgetParts[Name];

export interface WidgetEnv {
  readonly window: HostWindow;
  readonly load: LoadPart;
  readonly now?: () => number;
  readonly crypto?: CryptoLike;
  /** Where `[touchpoint]` lines go. Default: the window's console. */
  readonly console?: ConsoleLike;
  readonly fetch?: (input: string, init?: RequestInit) => PromiseLike<Response>;
  /**
   * Whether an earlier page left undelivered events for this site (script tag: `stored-events.ts`); if so the
   * collector, which resends them, starts during idle time even when no survey shows (without the survey runtime).
   */
  readonly storedEvents?: (window: Window, options: LoaderOptions, now: number, remove?: boolean) => boolean;
}

/** Occurrences kept while the config or the runtime is on its way. */
export const MAX_BUFFERED_OCCURRENCES = 50;

/** Triggers watched here; the others (click, scroll, time, exit intent, visibility) by the trigger sources chunk. */
const LOADER_TRIGGERS = ['event', 'pageView', 'routeChange'];

/**
 * Whether a trigger's URL rules let it fire on the page at `location` (a malformed rule: yes, the runtime explains).
 * The same as core's `matchesUrlRule` on `location.href` (`pathOf(href)` is `pathname + search`), without `pathOf`.
 */
function onPage(trigger: Trigger, { href, pathname, search }: Location): boolean {
  try {
    const { include = [], exclude = [] } = trigger.url ?? {};
    const match = (rule: (typeof include)[number]) =>
      matchesSubject(rule, rule.on === 'url' ? href.split('#', 1)[0]! : pathname + search);
    return !exclude.some(match) && (!include[0] || include.some(match));
  } catch {
    return true;
  }
}

export function createWidget(options: LoaderOptions, env: WidgetEnv, log: Logger): TouchpointHandle {
  const { window, storedEvents } = env;
  const now = env.now ?? (() => Date.now());
  const page = () => pageKey(window.location);

  let destroyed = false;
  let config: unknown;
  let triggers: Trigger[] | undefined;
  let runtime: SurveyRuntime | undefined;
  let loading = false;
  /**
   * The event sink (script tag: the collector), started once, here or with the runtime, which sends to it; this
   * loader passes consent on to it and closes it.
   */
  let sink: RuntimeSink | undefined;
  /** Occurrences waiting for the config or the runtime, with the page they happened on. */
  let buffer: [TriggerOccurrence, string][] = [];
  /**
   * Whether a waiting occurrence still counts: one of the page (a view, a scroll, a click…) only on that page; a
   * custom event (`track`) also after an SPA navigation, as apps often track and then move on (the runtime then
   * applies the trigger's URL rules to the page the visitor is on).
   */
  const current = ([occurrence, at]: [TriggerOccurrence, string]) =>
    occurrence.type === 'event' || at === page();
  /** Calls waiting for the runtime. */
  let calls: [keyof SurveyRuntime, unknown[]][] = [];
  let consentGranted: boolean | undefined;
  let sources: TriggerSource | undefined;
  let watching = false;
  let views: { pageView(): void; stop(): void } | undefined;

  /** Runs `task` during idle time (`requestIdleCallback`, else a timeout). */
  const idle = (task: () => unknown) => (window.requestIdleCallback ?? setTimeout)(task);

  /** Loads something (config, chunk), then uses it; a failure is one clear error, never a rejection. */
  const load = <T>(what: string, get: () => PromiseLike<T> | T, use?: (value: T) => void) =>
    Promise.resolve()
      .then(get)
      .then(
        guarded(log, what, (value: T) => destroyed || use?.(value)),
        (error) => log.error(`could not load ${what}:`, error),
      );

  /** Hands a call to the runtime, or keeps it for when the runtime starts. */
  const forward = (method: 'identify' | 'show' | 'reset' | 'consent', ...args: unknown[]) => {
    if (runtime) (runtime[method] as (...a: unknown[]) => void)(...args);
    else calls.push([method, args]);
  };

  /** What the runtime and delivery start with: this loader's state. */
  const params = () => ({ ...env, config, options, consentGranted, now, log, sink });

  /** Starts delivery once (what the collector chunk registered; nothing in the npm entry). */
  const deliver = (start?: StartDelivery) => (sink ??= start?.(params()));

  /**
   * The survey runtime and the collector, fetched in parallel: a card shows only once both are there, so its first
   * event already has its collector; either failing is one error and no card.
   */
  const runtimeChunks = () => Promise.all([env.load('survey'), env.load('collector')]);

  const startRuntime = () => {
    if (loading || !triggers) return;
    loading = true;
    load('survey runtime', runtimeChunks, ([factory, start]) => {
      deliver(start);
      runtime = factory(params());
      for (const [method, args] of calls) (runtime[method] as (...a: unknown[]) => void)(...args);
      for (const entry of buffer) if (current(entry)) runtime.occur(entry[0]);
      calls = buffer = [];
    });
  };

  const occur = (occurrence: TriggerOccurrence) => {
    if (runtime) return runtime.occur(occurrence);
    if (
      triggers &&
      !triggers.some((trigger) => occurrenceFires(trigger, occurrence) && onPage(trigger, window.location))
    )
      return log.debug(`${JSON.stringify(occurrence)} fires no trigger here`);
    if (buffer.length < MAX_BUFFERED_OCCURRENCES) buffer.push([occurrence, page()]);
    startRuntime();
  };

  /**
   * On every page: loads the DOM trigger sources once a page has a click, scroll, time, exit-intent or visibility
   * trigger; and once a trigger of an enabled survey applies to the page (its URL rules), fetches the survey and
   * collector chunks during idle time, in parallel, so a trigger that fires later never waits for the network
   * (decisions/0004). The chunk loader uses the loader's nonce and Trusted Types policy; the chunks only register
   * themselves, the runtime (and with it delivery) starts on a trigger.
   */
  const watchPage = () => {
    const here = triggers!.filter((trigger) => onPage(trigger, window.location));
    // The chunk loader and import() load once, so asking again on a later page costs nothing.
    if (here[0]) idle(() => load('survey runtime', runtimeChunks));
    const dom = triggers!.filter((trigger) => !LOADER_TRIGGERS.includes(trigger.type));
    if (watching || !dom.some((trigger) => here.includes(trigger))) return;
    watching = true;
    load(
      'trigger sources',
      () => env.load('triggers'),
      (start) => {
        sources = start(
          window,
          dom,
          guarded(log, 'trigger', (o: TriggerOccurrence) => destroyed || occur(o)),
          log,
          now,
        );
      },
    );
  };

  /**
   * Starts the collector alone (not the survey runtime) during idle time when events of an earlier page wait in
   * storage (respecting consent): it resends them.
   */
  const deliverStored = () => {
    if (storedEvents && (consentGranted ?? options.input.consentRequired !== true))
      // During idle time, not in the page's start-up: the first read of localStorage in a page is the loader's
      // most expensive step (a few ms in Chromium), and nothing on this page waits for it. Neither call throws
      // (`storedEvents` catches everything; `load` reports a failed load as one error).
      idle(
        () =>
          destroyed ||
          (storedEvents(window, options, now()) && load('collector', () => env.load('collector'), deliver)),
      );
  };

  const url = `${options.endpoint}/v1/config?site=${encodeURIComponent(options.siteKey)}`;
  load(
    options.config === undefined ? url : 'the config',
    () =>
      options.config ??
      (env.fetch ?? window.fetch.bind(window))(url, { credentials: 'omit' }).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      }),
    (loaded) => {
      config = loaded;
      // No warning when no enabled survey has a trigger: a team pausing its surveys is normal, and every visitor's
      // console would carry it on every page; debug mode says of each occurrence that it fires no trigger.
      triggers = triggersOf(loaded);
      // Occurrences from before the config (e.g. a `track` queued by the stub) are checked now, in order.
      const early = buffer;
      buffer = [];
      for (const entry of early) if (current(entry)) occur(entry[0]);
      if (calls.some(([method]) => method === 'show')) startRuntime();
      views = watchPageViews(
        window,
        (navigation) => {
          if (navigation) {
            buffer = buffer.filter(current);
            runtime?.navigated();
            sources?.navigated?.();
          }
          watchPage();
          occur({ type: navigation ? 'routeChange' : 'pageView' });
        },
        log,
      );
      deliverStored();
      // A preview link (decision 0007): the runtime reads the token, loads that version and shows its survey.
      if (window.location.search.includes(PREVIEW_PARAM)) startRuntime();
    },
  );

  /** Clears the stored visitor record without waiting for the runtime (consent revoked, reset). */
  const forgetStored = () => {
    try {
      storageArea(window, options.input.storage ?? 'local')?.removeItem?.(visitorKey(options.siteKey));
    } catch {}
  };

  const handle: TouchpointHandle = {
    track(name) {
      if (typeof name === 'string' && name.length > 0 && name.length <= 512) occur({ type: 'event', name });
      else log.error('track(name): expected 1-512 characters');
    },
    identify: (...args) => forward('identify', ...args),
    consent(granted) {
      if (typeof granted !== 'boolean') return log.error('consent(granted): expected true or false');
      consentGranted = granted;
      sink?.setConsent(granted);
      if (runtime) runtime.consent(granted);
      else if (granted) triggers && deliverStored();
      else {
        // As the collector does on consent(false): its queues too (script tag).
        forgetStored();
        storedEvents?.(window, options, 0, true);
      }
    },
    show(surveyId) {
      forward('show', surveyId);
      startRuntime();
    },
    page: () => views?.pageView(),
    reset() {
      calls = [];
      buffer = [];
      if (runtime) runtime.reset();
      else forgetStored();
    },
    destroy() {
      destroyed = true;
      views?.stop();
      sources?.stop();
      runtime?.destroy();
      sink?.close();
    },
  };
  for (const name of Object.keys(handle) as (keyof TouchpointHandle)[]) {
    const method = handle[name] as (...args: unknown[]) => void;
    handle[name] = guarded(log, name, (...args: unknown[]) => destroyed || method(...args));
  }
  return handle;
}
