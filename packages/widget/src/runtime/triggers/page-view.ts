/**
 * Page views: the first load, and every navigation of a single-page app. `history.pushState` and `replaceState`
 * are wrapped (on the `history` object itself, never on `History.prototype`) and `popstate` / `hashchange` are
 * watched; `stop()` undoes the wrapping. A navigation counts only when the page changes: its path or query, or a
 * hash route (`#/…`, `#!…`); a `replaceState` that keeps the page (routers storing state, scroll restoration
 * loops) and in-page anchors (`#section`) are not views (docs/faults.md case 51).
 */
import type { Logger } from '../logger';
import { safely } from '../safe';
import { listen, type TriggerSource } from './trigger-source';

type HistoryMethod = 'pushState' | 'replaceState';

/** What identifies a page: path and query, plus the hash when it is a route. */
export function pageKey(location: Location): string {
  const hash = /^#!?\//.test(location.hash) ? location.hash : '';
  return `${location.pathname}${location.search}${hash}`;
}

export interface PageViewWatcher extends TriggerSource {
  /** Counts a page view now (`page()`), even when the address did not change. */
  pageView(): void;
}

/**
 * Watches navigations; calls `onPageView(false)` for the first load (at once) and `onPageView(true)` for each
 * client-side navigation.
 */
export function watchPageViews(
  window: Window,
  onPageView: (navigation: boolean) => void,
  log: Logger,
): PageViewWatcher {
  const { history } = window;
  let last = pageKey(window.location);
  let active = true;

  const check = () => {
    const key = pageKey(window.location);
    if (active && key !== last) {
      last = key;
      onPageView(true);
    }
  };

  const undo = (['pushState', 'replaceState'] as const).map((method: HistoryMethod) => {
    const own = Object.hasOwn(history, method);
    const original = history[method];
    const wrapper = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      // Our part must never break the host's navigation.
      safely(log, 'page views', check);
      return result;
    };
    history[method] = wrapper;
    return () => {
      // Someone wrapped our wrapper: leave theirs in place (ours is now a pass-through because `active` is false).
      if (history[method] !== wrapper) return;
      if (own) history[method] = original;
      else delete (history as Partial<History>)[method];
    };
  });
  undo.push(listen(window, 'popstate', check, log), listen(window, 'hashchange', check, log));

  onPageView(false);

  return {
    pageView() {
      last = pageKey(window.location);
      onPageView(true);
    },
    stop() {
      active = false;
      for (const restore of undo) restore();
    },
  };
}
