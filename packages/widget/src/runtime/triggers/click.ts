/**
 * Clicks on a CSS selector: one delegated listener on the document, in the capture phase so a host handler that
 * stops propagation cannot hide the click; `closest()` so a click inside the matched element counts.
 */
import type { TriggerOccurrence } from '@touchpoint/core';
import { listen, type SourceContext, type TriggerSource } from './trigger-source';

export function watchClicks({ window, triggers, emit, log }: SourceContext<'click'>): TriggerSource {
  const selectors = [...new Set(triggers.map((t) => t.selector))];
  const broken = new Set<string>();
  const stop = listen(
    window.document,
    'click',
    (event) => {
      const target = event.target as Partial<Element> | null;
      // Duck-typed rather than instanceof, so elements of other realms (iframes) count too.
      if (typeof target?.closest !== 'function') return;
      for (const selector of selectors) {
        if (broken.has(selector)) continue;
        let hit: Element | null = null;
        try {
          hit = target.closest(selector);
        } catch {
          broken.add(selector);
          log.error(`click trigger: "${selector}" is not a valid CSS selector; it never fires.`);
        }
        if (hit !== null) emit({ type: 'click', selector } satisfies TriggerOccurrence);
      }
    },
    log,
    { capture: true, passive: true },
  );
  return { stop };
}
