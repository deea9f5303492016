/**
 * Element visible: an element matching the selector is on screen, at least `threshold` of it (default 0.5), via
 * IntersectionObserver. Elements that appear later (SPA renders) are picked up by a debounced MutationObserver.
 * Each selector is reported once per page view. Without IntersectionObserver the trigger never fires.
 */
import type { SourceContext, TriggerSource } from './trigger-source';

/** Debounce of the rescan after DOM changes. */
export const RESCAN_MS = 250;

export function watchElementVisible({
  window,
  triggers,
  emit,
  log,
}: SourceContext<'elementVisible'>): TriggerSource {
  if (typeof window.IntersectionObserver !== 'function') return { stop() {} };
  const fired = new Set<string>();
  const broken = new Set<string>();
  const observers = triggers.map((trigger) => {
    const threshold = trigger.threshold ?? 0.5;
    const { selector } = trigger;
    const observer = new window.IntersectionObserver(
      (entries) => {
        if (
          !fired.has(selector) &&
          entries.some((e) => e.isIntersecting && e.intersectionRatio >= threshold - 1e-6)
        ) {
          fired.add(selector);
          emit({ type: 'elementVisible', selector });
        }
      },
      { threshold },
    );
    return { selector, observer, seen: new WeakSet<Element>() };
  });

  const scan = () => {
    try {
      for (const watch of observers) {
        const { selector } = watch;
        if (fired.has(selector) || broken.has(selector)) continue;
        let found: ArrayLike<Element> = [];
        try {
          found = window.document.querySelectorAll(selector);
        } catch {
          broken.add(selector);
          log.error(`elementVisible trigger: "${selector}" is not a valid CSS selector`);
        }
        for (const element of Array.from(found)) {
          if (watch.seen.has(element)) continue;
          watch.seen.add(element);
          watch.observer.observe(element);
        }
      }
    } catch (error) {
      log.error('element visible failed:', error);
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const rescanSoon = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      scan();
    }, RESCAN_MS);
  };
  const mutations = new window.MutationObserver(rescanSoon);
  mutations.observe(window.document.documentElement, { childList: true, subtree: true });
  scan();

  return {
    navigated() {
      fired.clear();
      for (const watch of observers) {
        watch.observer.disconnect();
        watch.seen = new WeakSet();
      }
      rescanSoon();
    },
    stop() {
      mutations.disconnect();
      clearTimeout(timer);
      for (const { observer } of observers) observer.disconnect();
    },
  };
}
