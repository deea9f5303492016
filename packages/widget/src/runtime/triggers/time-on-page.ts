/**
 * Time on page: seconds the visitor spent on the page while it was visible (a background tab does not count).
 * Each configured time is reported once per page view; an SPA navigation starts the count again.
 */
import { listen, type SourceContext, type TriggerSource } from './trigger-source';

export function watchTimeOnPage(
  { window, triggers, emit, log }: SourceContext<'timeOnPage'>,
  now: () => number,
): TriggerSource {
  const marks = [...new Set(triggers.map((t) => t.seconds))].filter((s) => s > 0).sort((a, b) => a - b);
  let spent = 0; // visible milliseconds before `since`
  let since: number | undefined; // when the current visible stretch began
  let next = 0; // index of the next mark to report
  let timer: ReturnType<typeof setTimeout> | undefined;

  const visible = () => window.document.visibilityState !== 'hidden';
  const elapsed = () => spent + (since === undefined ? 0 : now() - since);

  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (since === undefined || next >= marks.length) return;
    timer = setTimeout(tick, Math.max(0, marks[next]! * 1000 - elapsed()));
  };
  const tick = () => {
    try {
      timer = undefined;
      const seconds = elapsed() / 1000;
      if (next < marks.length && seconds >= marks[next]!) {
        while (next < marks.length && seconds >= marks[next]!) next++;
        emit({ type: 'timeOnPage', seconds });
      }
      arm();
    } catch (error) {
      log.error('time on page failed:', error);
    }
  };

  const stopListening = listen(
    window.document,
    'visibilitychange',
    () => {
      if (visible() && since === undefined) since = now();
      else if (!visible() && since !== undefined) {
        spent += now() - since;
        since = undefined;
      }
      arm();
    },
    log,
  );
  if (visible()) since = now();
  arm();

  return {
    navigated() {
      spent = 0;
      next = 0;
      since = visible() ? now() : undefined;
      arm();
    },
    stop() {
      stopListening();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
