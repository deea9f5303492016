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

/** Whether an occurrence fires a trigger (URL rules are checked separately). */
export function occurrenceFires(trigger: Trigger, occurrence: TriggerOccurrence): boolean {
  switch (trigger.type) {
    case 'event':
      return occurrence.type === 'event' && occurrence.name === trigger.name;
    case 'pageView':
      // A client-side navigation is a page view too.
      return occurrence.type === 'pageView' || occurrence.type === 'routeChange';
    case 'routeChange':
      return occurrence.type === 'routeChange';
    case 'click':
      return occurrence.type === 'click' && occurrence.selector === trigger.selector;
    case 'scrollDepth':
      return occurrence.type === 'scrollDepth' && occurrence.percent >= trigger.percent;
    case 'timeOnPage':
      return occurrence.type === 'timeOnPage' && occurrence.seconds >= trigger.seconds;
    case 'exitIntent':
      return occurrence.type === 'exitIntent';
    case 'elementVisible':
      return occurrence.type === 'elementVisible' && occurrence.selector === trigger.selector;
  }
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
