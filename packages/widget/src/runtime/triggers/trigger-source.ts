/**
 * What every trigger source gets and gives. A source watches the page for one kind of occurrence and reports it;
 * it never decides anything (the display rules do).
 */
import type { Trigger, TriggerOccurrence } from '@touchpoint/core';
import type { Logger } from '../logger';
import { guarded } from '../safe';

/** The page's window with its constructors (IntersectionObserver, MutationObserver, …). */
export type HostWindow = Window & typeof globalThis;

export interface SourceContext<T extends Trigger['type'] = Trigger['type']> {
  readonly window: HostWindow;
  /** The triggers of this source's type, from every survey (the config may not be validated yet). */
  readonly triggers: readonly Extract<Trigger, { type: T }>[];
  readonly emit: (occurrence: TriggerOccurrence) => void;
  readonly log: Logger;
}

export interface TriggerSource {
  /** The visitor moved to another page in an SPA: per-page state (depth reached, time spent) starts again. */
  navigated?(): void;
  /** Removes every listener, observer and timer. */
  stop(): void;
}

/** Adds a listener that never throws into the host and returns its removal. */
export function listen(
  target: EventTarget,
  type: string,
  handler: (event: Event) => void,
  log: Logger,
  options: AddEventListenerOptions = { passive: true },
): () => void {
  const safe = guarded(log, `${type} listener`, handler);
  target.addEventListener(type, safe, options);
  return () => target.removeEventListener(type, safe, options);
}
