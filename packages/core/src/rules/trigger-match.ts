/**
 * Matching what happened on the page (an occurrence, reported by the widget's trigger sources) against a
 * survey's triggers.
 */
import type { Trigger } from '../config/trigger.schema';

/** Something that happened on the page, as the widget's trigger sources report it. */
export type TriggerOccurrence =
  | { readonly type: 'event'; readonly name: string }
  | { readonly type: 'pageView' }
  | { readonly type: 'routeChange' }
  /** `selector` is the trigger's selector the clicked element matched. */
  | { readonly type: 'click'; readonly selector: string }
  | { readonly type: 'scrollDepth'; readonly percent: number }
  | { readonly type: 'timeOnPage'; readonly seconds: number }
  | { readonly type: 'exitIntent' }
  | { readonly type: 'elementVisible'; readonly selector: string };

/**
 * Whether an occurrence fires a trigger (URL rules are checked separately): the same type (a client-side
 * navigation is a page view too), the same event name or selector, and a scroll depth or time on page at least the
 * trigger's. Written field by field rather than per type because it runs in the script-tag loader, where every
 * byte is paid on every page view; a field a type lacks is undefined on both sides and never decides.
 */
export function occurrenceFires(trigger: Trigger, occurrence: TriggerOccurrence): boolean {
  const t = trigger as Fields;
  const o = occurrence as Fields;
  if (trigger.type === 'pageView' && o.type === 'routeChange') return true;
  return (
    o.type === t.type &&
    o.name === t.name &&
    o.selector === t.selector &&
    !((o.percent ?? 0) < (t.percent ?? 0)) &&
    !((o.seconds ?? 0) < (t.seconds ?? 0))
  );
}

interface Fields {
  readonly type: string;
  readonly name?: string;
  readonly selector?: string;
  readonly percent?: number;
  readonly seconds?: number;
}

export function describeTrigger(trigger: Trigger): string {
  switch (trigger.type) {
    case 'event':
      return `event "${trigger.name}"`;
    case 'pageView':
      return 'page view';
    case 'routeChange':
      return 'route change';
    case 'click':
      return `click on "${trigger.selector}"`;
    case 'scrollDepth':
      return `scroll to ${trigger.percent}%`;
    case 'timeOnPage':
      return `${trigger.seconds} s on page`;
    case 'exitIntent':
      return 'exit intent';
    case 'elementVisible':
      return `"${trigger.selector}" visible`;
  }
}

export function describeOccurrence(occurrence: TriggerOccurrence): string {
  switch (occurrence.type) {
    case 'event':
      return `event "${occurrence.name}"`;
    case 'pageView':
      return 'page view';
    case 'routeChange':
      return 'route change';
    case 'click':
      return `click on "${occurrence.selector}"`;
    case 'scrollDepth':
      return `scrolled to ${Math.round(occurrence.percent)}%`;
    case 'timeOnPage':
      return `${Math.round(occurrence.seconds)} s on page`;
    case 'exitIntent':
      return 'exit intent';
    case 'elementVisible':
      return `"${occurrence.selector}" became visible`;
  }
}
