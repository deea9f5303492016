/**
 * Scroll depth: the share of the page the visitor has seen, `(scrollY + innerHeight) / scrollHeight`. Each
 * configured depth is reported once per page view, the first time it is reached (also when the page is already
 * scrolled as the source starts); a page too short to scroll never reports (nothing was scrolled).
 */
import { safely } from '../safe';
import { listen, type SourceContext, type TriggerSource } from './trigger-source';

export function watchScrollDepth({
  window,
  triggers,
  emit,
  log,
}: SourceContext<'scrollDepth'>): TriggerSource {
  const depths = [...new Set(triggers.map((t) => t.percent))].filter((p) => p > 0).sort((a, b) => a - b);
  let reached = new Set<number>();
  const check = () => {
    const height = window.document.documentElement.scrollHeight;
    if (height <= 0) return;
    const percent = Math.min(100, ((window.scrollY + window.innerHeight) / height) * 100);
    const fresh = depths.filter((depth) => percent >= depth && !reached.has(depth));
    if (fresh.length === 0) return;
    for (const depth of fresh) reached.add(depth);
    emit({ type: 'scrollDepth', percent });
  };
  const stop = listen(window, 'scroll', check, log);
  // A visitor who scrolled before this source started (it loads after the page), or a page restored already
  // scrolled, has reached that depth too.
  if (window.scrollY > 0) safely(log, 'scroll depth', check);
  return {
    navigated: () => {
      reached = new Set();
    },
    stop,
  };
}
