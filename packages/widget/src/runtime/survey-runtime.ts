/**
 * The survey runtime: decides with core's display rules whether an occurrence shows a survey, waits out a
 * trigger's delay and decides again, mounts the card through the `MountSurvey` it is given, and turns the card's
 * callbacks into wire events for the sink. It also owns the visitor record (history, sessions, consent).
 *
 * In the script-tag build this module lives in the survey chunk, loaded on the first occurrence that fires a
 * trigger; the loader (widget.ts) talks to it only through the `SurveyRuntime` interface.
 */
import {
  type Answer,
  type DisplayDecision,
  type EventSink,
  type EventType,
  evaluateDisplay,
  fnv1a32,
  type Reason,
  recordInHistory,
  type Survey,
  selectSurvey,
  type TouchpointConfig,
  type TriggerOccurrence,
  type WireEvent,
} from '@touchpoint/core';
import type { MountedSurvey, MountSurvey, SurveyCallbacks, SurveyView } from '../ui/survey-view';
import { hostBlocker } from './host-blocker';
import { type Identity, identify } from './identity';
import type { Logger } from './logger';
import { type LoaderOptions, resolveOptions } from './options';
import { deviceOf, eventContext, resolveLocale } from './page-context';
import { fetchPreview, previewOf } from './preview-link';
import { privacySignal } from './privacy-signals';
import { guarded, safely } from './safe';
import { openStorage } from './safe-storage';
import type { Sentences } from './sentences';
import { type CryptoLike, uuid } from './uuid';
import { guardConfig } from './validate/guard-config';
import { createVisitorStore, visitorKey } from './visitor-store';
import type { LoadPart } from './widget';
import type { Words } from './words';

/**
 * How long a tab announces a card it showed to the site's other tabs, with a held Web Lock named after the display
 * (see `announce`): far longer than a browser takes to hand a localStorage write to the other tabs' copies.
 */
const SHOWN_LOCK_MS = 10_000;

/** What the loader hands the runtime when it starts it. */
export interface RuntimeParams {
  /** The config as given inline or fetched: validated here. */
  readonly config: unknown;
  /** The options `init` checked; the runtime checks the rest. */
  readonly options: LoaderOptions;
  /** Whether the host already granted consent (consent mode); `undefined` when it never said. */
  readonly consentGranted: boolean | undefined;
  readonly window: Window;
  readonly now: () => number;
  /** Loads a preview link's config version. @default the window's `fetch` */
  readonly fetch?: ((input: string, init?: RequestInit) => PromiseLike<Response>) | undefined;
  /** @default the window's `crypto` */
  readonly crypto?: CryptoLike | undefined;
  readonly log: Logger;
  /** Loads the words of debug mode (`words.ts`, part `debug`); asked only when debugging. */
  readonly load?: LoadPart | undefined;
  /**
   * Where events go besides the `onEvent` option: the script tag's collector, which the loader started
   * (`delivery.ts`; none when a privacy signal is honoured), passes consent on to, and closes.
   */
  readonly sink?: RuntimeSink | undefined;
}

/** The event sink of the script tag (the collector, `delivery.ts`): it also takes the consent state, and closes. */
export interface RuntimeSink extends EventSink {
  setConsent(granted: boolean): void;
  /** Delivers what it can, then stops; never rejects (the loader does not wait for it). */
  close(): void;
}

export interface RuntimeDeps {
  readonly mountSurvey: MountSurvey;
}

export interface SurveyRuntime {
  occur(occurrence: TriggerOccurrence): void;
  /** The visitor moved to another page (SPA): surveys waiting for their delay are cancelled. */
  navigated(): void;
  identify(userId: unknown, attributes: unknown): void;
  consent(granted: boolean): void;
  show(surveyId: string): void;
  reset(): void;
  destroy(): void;
}

/** What a survey chunk exports: starts the runtime with the loader's state. */
export type RuntimeFactory = (params: RuntimeParams) => SurveyRuntime;

interface Display {
  readonly survey: Survey;
  readonly responseId: string;
  readonly preview: boolean;
  mounted?: MountedSurvey;
  shown: boolean;
  answered: boolean;
  finished: boolean;
}

/** A debug line, given the words of debug mode (or `undefined` if they could not be loaded). */
type Line = (words: Words | undefined) => unknown[];

/** A sentence of the words of debug mode (`sentences.ts`), or its code and facts without them. */
const sentence = <Code extends keyof Sentences>(
  words: Words | undefined,
  code: Code,
  ...facts: Parameters<Sentences[Code]>
): string =>
  words
    ? (words.sentences[code] as (...a: Parameters<Sentences[Code]>) => string)(...facts)
    : `${code} ${JSON.stringify(facts)}`;

const what = (words: Words | undefined, occurrence: TriggerOccurrence) =>
  words ? words.describeOccurrence(occurrence) : JSON.stringify(occurrence);
const reasonLines = (words: Words | undefined, reasons: readonly Reason[]) =>
  reasons
    .map(
      (r) =>
        `\n  ${r.pass ? '✓' : '✗'} ${r.rule}: ${words ? words.explainReason(r) : `${r.code} ${JSON.stringify(r.facts)}`}`,
    )
    .join('');

export function createSurveyRuntime(params: RuntimeParams, deps: RuntimeDeps): SurveyRuntime {
  const { window, now, log } = params;
  const crypto = params.crypto ?? window.crypto;
  const optionProblems: string[] = [];
  const options = resolveOptions(params.options, optionProblems);
  if (optionProblems.length > 0)
    log.error(`init: using defaults instead of:\n  ${optionProblems.join('\n  ')}`);
  // Structure only, defaults filled in (decisions/0004); debug mode checks it in full below.
  const guard = guardConfig(params.config);
  const config: TouchpointConfig | undefined = guard.config;
  if (guard.problem) log.error(`the survey config cannot be used, so no survey will show: ${guard.problem}`);
  for (const skipped of guard.skipped) log.error(`a survey is left out: ${skipped}`);
  const signal = options.respectPrivacySignals ? privacySignal(window) : undefined;
  const storage = openStorage(window, signal === undefined ? options.storage : 'memory', log);
  const store = createVisitorStore({
    storage,
    key: visitorKey(options.siteKey),
    now,
    newId: () => uuid(crypto, now()),
    persisting: signal === undefined && (!options.consentRequired || params.consentGranted === true),
    log,
  });
  const { sink } = params;

  // Debug lines wait, in order, for the words of debug mode; without debug mode nothing is built or loaded.
  let words: Words | undefined;
  let waiting: Line[] | undefined;
  const say = (line: Line) => {
    if (!log.debugging) return;
    if (waiting) waiting.push(line);
    else log.debug(...line(words));
  };
  /** Says one sentence of the words of debug mode (`sentences.ts`). */
  const tell = <Code extends keyof Sentences>(code: Code, ...facts: Parameters<Sentences[Code]>) =>
    say((w) => [sentence(w, code, ...facts)]);
  if (log.debugging && params.load) {
    const lines: Line[] = [];
    waiting = lines;
    Promise.resolve()
      .then(() => params.load!('debug'))
      .then(
        (loaded) => {
          words = loaded;
        },
        (error) => log.warn('could not load the words of debug mode; reasons come as codes:', error),
      )
      .then(() => {
        waiting = undefined;
        if (words) log.debug(words.sentences.checked(params.config));
        for (const line of lines) log.debug(...line(words));
      });
  }

  let identity: Identity = { attributes: {} };
  let current: Display | undefined;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Surveys that were eligible while another showed, with what made them eligible (case 53). */
  const queued = new Map<string, TriggerOccurrence>();
  let destroyed = false;

  const locale = () => resolveLocale(window, options.locale, config?.defaultLocale);

  const displayInput = (occurrence: TriggerOccurrence, settings: TouchpointConfig) => ({
    context: {
      url: window.location.href,
      occurrence,
      visitorId: store.record.id,
      attributes: identity.attributes,
      device: deviceOf(window.navigator),
      locale: locale(),
      returning: store.returning,
    },
    history: store.record.history,
    fatigue: settings.fatigue,
    now: now(),
    hash: fnv1a32,
  });

  const logDecision = (
    occurrence: TriggerOccurrence,
    later: string,
    decision: DisplayDecision,
    verdict: string,
  ) =>
    say((w) => [
      `${what(w, occurrence)}${later}: survey "${decision.surveyId}" ${verdict}${reasonLines(w, decision.reasons)}`,
    ]);

  const emit = (display: Display, type: EventType, answers?: readonly Answer[]) => {
    if (display.preview) return;
    const { survey, responseId } = display;
    const base = {
      v: 1 as const,
      id: uuid(crypto, now()),
      surveyId: survey.id,
      touchpoint: survey.touchpoint,
      responseId,
      at: new Date(now()).toISOString(),
      context: eventContext(window, locale(), options.allowedQueryParams),
      visitor: {
        id: store.record.id,
        ...(identity.userId === undefined ? {} : { userId: identity.userId }),
        ...(identity.userId === undefined || Object.keys(identity.attributes).length === 0
          ? {}
          : { attributes: identity.attributes }),
      },
    };
    let event: WireEvent;
    if (type === 'shown' || type === 'dismissed') event = { ...base, type };
    else if (answers !== undefined && answers.length >= 1 && answers.length <= 10)
      event = { ...base, type, answers: [...answers] };
    else {
      log.error(`"${type}" for survey "${survey.id}" needs 1–10 answers; not sent.`);
      return;
    }
    say((w) => [sentence(w, 'event', type, survey.id), event]);
    if (options.onEvent) safely(log, 'onEvent', () => options.onEvent!(event));
    if (sink) safely(log, 'sending the event', () => sink.send(event));
  };

  const record = (display: Display, what: 'shown' | 'answered' | 'dismissed', at = now()) => {
    if (!display.preview)
      store.updateHistory((history) => recordInHistory(history, display.survey.id, what, at));
  };

  /** The site's Web Lock (`exclusive`), and the prefix of the locks that announce a display (`announce`). */
  const siteLock = `touchpoint ${options.siteKey}`;
  const shownLock = `${siteLock} shown `;
  const locks = () => (store.persisting ? window.navigator.locks : undefined);
  /** Resolves once this tab's latest display is announced (its lock granted); the site's lock waits for it. */
  let announced: Promise<unknown> | undefined;

  /**
   * Tells the site's other tabs that this visitor was shown `surveyId` at `at`, by holding a lock named after it
   * for `SHOWN_LOCK_MS` (case 52): the browser may hand them the history written to localStorage a moment later,
   * but a held lock is known to every tab of the browser as soon as it is granted. The name carries the visitor's
   * id, so a record started afresh (`reset`) learns nothing of the visitor before it.
   */
  const announce = (surveyId: string, at: number) => {
    const manager = locks();
    if (manager)
      announced = new Promise((granted) => {
        manager
          .request(`${shownLock}${store.record.id} ${surveyId} ${at}`, () => {
            granted(0);
            // Released early when the page goes (its writes are long with the browser), so a browser that keeps
            // pages holding a lock out of its back/forward cache still keeps this one.
            return new Promise((done) => {
              setTimeout(done, SHOWN_LOCK_MS);
              window.addEventListener('pagehide', done, { once: true });
            });
          })
          .then(undefined, granted);
      });
  };

  /** Adds the visitor's displays other tabs announce that this tab's copy of the record lacks (case 52). */
  const learnAnnounced = (snapshot: LockManagerSnapshot) => {
    store.touch();
    const visitor = `${shownLock}${store.record.id} `;
    for (const { name = '' } of snapshot.held ?? []) {
      if (!name.startsWith(visitor)) continue;
      const rest = name.slice(visitor.length);
      const space = rest.lastIndexOf(' ');
      const surveyId = rest.slice(0, space);
      const at = Number(rest.slice(space + 1));
      if (!store.record.history.surveys[surveyId]?.shown.includes(at))
        store.updateHistory((history) => recordInHistory(history, surveyId, 'shown', at));
    }
  };

  const mount = (survey: Survey, preview: boolean, settings: TouchpointConfig) => {
    const display: Display = {
      survey,
      responseId: uuid(crypto, now()),
      preview,
      shown: false,
      answered: false,
      finished: false,
    };
    current = display;
    const answered = (answers: readonly Answer[], type: 'answered' | 'completed') => {
      if (display.finished) return;
      if (!display.answered) record(display, 'answered');
      display.answered = true;
      if (type === 'completed') display.finished = true;
      emit(display, type, answers);
    };
    const callbacks: SurveyCallbacks = {
      onShown: guarded(log, 'onShown', () => {
        if (display.shown) return;
        display.shown = true;
        emit(display, 'shown');
      }),
      onAnswered: guarded(log, 'onAnswered', (answers: readonly Answer[]) => answered(answers, 'answered')),
      onCompleted: guarded(log, 'onCompleted', (answers: readonly Answer[]) =>
        answered(answers, 'completed'),
      ),
      onDismissed: guarded(log, 'onDismissed', () => {
        if (display.finished) return;
        display.finished = true;
        record(display, 'dismissed');
        emit(display, 'dismissed');
      }),
      onClosed: guarded(log, 'onClosed', () => {
        if (current !== display) return;
        current = undefined;
        // The next moment the rules may allow a waiting survey: decide on each again, in the order they came.
        const waiting = [...queued.values()];
        queued.clear();
        for (const occurrence of waiting) exclusive(() => decide(occurrence));
      }),
    };
    const view: SurveyView = {
      survey,
      appearance: settings.appearance,
      locale: resolveLocale(window, options.locale, settings.defaultLocale),
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    };
    const mounted = safely(log, 'showing the survey', () =>
      deps.mountSurvey(window.document, view, callbacks),
    );
    if (mounted === undefined) {
      if (current === display) current = undefined;
    } else {
      display.mounted = mounted;
      // Into the history as it mounts, and announced while this tab holds the site's lock: a tab deciding next
      // learns it from the lock even before its copy of localStorage has it (case 52).
      const at = now();
      record(display, 'shown', at);
      if (!preview) announce(survey.id, at);
    }
  };

  const closeCurrent = () => {
    const display = current;
    current = undefined;
    if (display?.mounted !== undefined) safely(log, 'closing the survey', () => display.mounted!.close());
  };

  const cancelPending = (why: 'navigated' | 'reset' | 'destroyed') => {
    for (const [surveyId, timer] of pending) {
      clearTimeout(timer);
      tell('cancelled', surveyId, why);
    }
    pending.clear();
  };

  const schedule = (survey: Survey, occurrence: TriggerOccurrence, seconds: number) => {
    if (pending.has(survey.id)) return;
    const timer = setTimeout(() => {
      pending.delete(survey.id);
      exclusive(() => {
        const showing = current?.survey.id;
        if (showing !== undefined) {
          tell('busy', occurrence, survey.id, seconds, showing);
          queued.set(survey.id, occurrence);
          return;
        }
        // Everything may have changed while waiting (fatigue from another tab, attributes): decide again.
        store.touch();
        const decision = evaluateDisplay(survey, displayInput(occurrence, config!));
        logDecision(occurrence, `, ${seconds} s later`, decision, decision.show ? 'shows' : 'does not show');
        if (decision.show) showWhenFree(survey, occurrence);
      });
    }, seconds * 1000);
    pending.set(survey.id, timer);
  };

  /** Mounts, unless the host page has a dialog open or something above the card's corner: then waits (case 42). */
  const showWhenFree = (survey: Survey, occurrence: TriggerOccurrence) => {
    const blocker = hostBlocker(window, survey.display.placement, config!.appearance.zIndex);
    if (blocker === undefined) return mount(survey, false, config!);
    tell('blocked', survey.id, blocker);
    schedule(survey, occurrence, 1);
  };

  /**
   * Runs a decision holding the site's Web Lock where there is one, so two tabs triggered together decide one after
   * the other (case 52): each first learns the displays the others announced (`announce`), and keeps the lock until
   * its own display is announced. Without locks, or storage, at once.
   */
  const exclusive = (task: () => void) => {
    const run = guarded(log, 'deciding on a survey', () => {
      if (!inert()) task();
    });
    const manager = locks();
    if (!manager) return run();
    manager
      .request(siteLock, () =>
        manager.query().then((snapshot) => {
          // Should reading them throw, the rejection runs the decision all the same (below), without the lock.
          learnAnnounced(snapshot);
          announced = undefined;
          run();
          return announced;
        }),
      )
      .then(undefined, run);
  };

  const decide = (occurrence: TriggerOccurrence) => {
    store.touch();
    const showing = current?.survey.id;
    const input = displayInput(occurrence, config!);
    // A survey whose handling throws (a config the guard let through) is not shown; the others still are.
    const surveys = config!.surveys.filter((survey) => {
      try {
        evaluateDisplay(survey, input);
        return true;
      } catch (error) {
        say((w) => [sentence(w, 'failed', survey.id), error]);
        return false;
      }
    });
    const selection = selectSurvey(surveys, input);
    const chosen = showing === undefined ? selection.survey : undefined;
    for (const decision of selection.decisions) {
      const { surveyId } = decision;
      if (surveyId === showing) continue;
      // Eligible, but another shows (or won on priority): it waits for its turn.
      const waits = decision.show
        ? surveyId !== chosen?.id
        : decision.reasons.some((r) => r.code === 'loses');
      const verdict = waits
        ? `waits for "${showing ?? chosen!.id}"`
        : !decision.show
          ? 'does not show'
          : decision.delaySeconds > 0
            ? `shows in ${decision.delaySeconds} s (if the rules still pass then)`
            : 'shows';
      logDecision(occurrence, '', decision, verdict);
      if (waits && !queued.has(surveyId)) queued.set(surveyId, occurrence);
    }
    if (chosen === undefined) return;
    queued.delete(chosen.id);
    const delay = selection.decisions.find((d) => d.surveyId === chosen.id)?.delaySeconds ?? 0;
    if (delay > 0) schedule(chosen, occurrence, delay);
    else showWhenFree(chosen, occurrence);
  };

  const inert = () => destroyed || config === undefined || signal !== undefined;

  /** `show()`: one survey of `settings` (the config, or a preview link's version) now; rules skipped, nothing kept. */
  const preview = (surveyId: string, settings: TouchpointConfig | undefined) => {
    if (destroyed || settings === undefined) return;
    const survey = settings.surveys.find((s) => s.id === surveyId);
    if (survey === undefined) {
      const known = settings.surveys.map((s) => `"${s.id}"`).join(', ') || 'none';
      log.error(`show(${JSON.stringify(surveyId)}): no survey has this id (known: ${known}).`);
      return;
    }
    closeCurrent();
    tell('preview', surveyId);
    mount(survey, true, settings);
  };

  // A preview link (decision 0007; the loader started the runtime for it): the token's survey, of the config version
  // it names, shows at once. An inline config has no versions: its survey of that id shows.
  const token = previewOf(window.location.search);
  if (token !== undefined) {
    const surveyId = token.split('~')[0]!;
    if (options.config !== undefined || options.endpoint === undefined) preview(surveyId, config);
    else
      Promise.resolve()
        .then(() =>
          fetchPreview(params.fetch ?? window.fetch.bind(window), options.endpoint!, options.siteKey, token),
        )
        .then(
          guarded(log, 'the preview link', (loaded: unknown) => {
            const version = guardConfig(loaded);
            if (version.problem) log.error(`the preview link's config cannot be used: ${version.problem}`);
            preview(surveyId, version.config);
          }),
          (error) => log.error("could not load the preview link's config:", error),
        );
  }

  return {
    // `exclusive` guards the decision; reading `navigator.locks` and asking for a lock do not throw.
    occur: (occurrence: TriggerOccurrence) => exclusive(() => decide(occurrence)),
    navigated: guarded(log, 'navigation', () => {
      cancelPending('navigated');
      queued.clear();
      // `display.onNavigation: 'close'`: an open card goes with its page, unless a score is already chosen.
      if (current?.survey.display.onNavigation === 'close' && !current.answered) {
        tell('closes', current.survey.id);
        closeCurrent();
      }
    }),
    identify: guarded(log, 'identify', (userId: unknown, attributes: unknown) => {
      identity = identify(identity, userId, attributes, log);
    }),
    consent: guarded(log, 'consent', (granted: boolean) => {
      if (signal !== undefined) return;
      store.setPersisting(granted);
      tell('consent', granted);
    }),
    show: guarded(log, 'show', (surveyId: string) => preview(surveyId, config)),
    reset: guarded(log, 'reset', () => {
      cancelPending('reset');
      closeCurrent();
      identity = { attributes: {} };
      store.reset();
    }),
    destroy: guarded(log, 'destroy', () => {
      destroyed = true;
      cancelPending('destroyed');
      closeCurrent();
    }),
  };
}
