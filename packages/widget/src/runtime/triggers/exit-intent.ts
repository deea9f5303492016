/**
 * Exit intent, once per page view. Desktop: the pointer leaves the window through its top edge (towards the tabs
 * and the address bar). Touch devices, which have no pointer to leave with: a fast scroll up, at least
 * `FAST_SCROLL_UP_PX` within `FAST_SCROLL_WINDOW_MS`, the gesture of heading back to the address bar.
 */
import { listen, type SourceContext, type TriggerSource } from './trigger-source';

export const FAST_SCROLL_UP_PX = 200;
export const FAST_SCROLL_WINDOW_MS = 300;

export function watchExitIntent(
  { window, emit, log }: SourceContext<'exitIntent'>,
  now: () => number,
): TriggerSource {
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    emit({ type: 'exitIntent' });
  };
  const touch =
    window.navigator.maxTouchPoints > 0 ||
    (typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches);

  let stop: () => void;
  if (touch) {
    let samples: { at: number; y: number }[] = [];
    stop = listen(
      window,
      'scroll',
      () => {
        const at = now();
        samples = samples.filter((s) => at - s.at <= FAST_SCROLL_WINDOW_MS);
        samples.push({ at, y: window.scrollY });
        const highest = Math.max(...samples.map((s) => s.y));
        if (highest - window.scrollY >= FAST_SCROLL_UP_PX) fire();
      },
      log,
    );
  } else {
    stop = listen(
      window.document,
      'mouseout',
      (event) => {
        const { relatedTarget, clientY } = event as MouseEvent;
        if (relatedTarget === null && clientY <= 0) fire();
      },
      log,
    );
  }
  return {
    navigated: () => {
      fired = false;
    },
    stop,
  };
}
