/**
 * Page lifecycle: flush when the page is hidden or left, pick up again when it comes back.
 *
 * `pagehide` and `visibilitychange` only, never `unload` or `beforeunload`: those keep a page out of the
 * back/forward cache (rudderlabs/rudder-sdk-js #1175), and on phones `visibilitychange → hidden` is often the last
 * event a page gets before it is killed.
 */
import type { Lane } from './lane';
import type { Lifecycle } from './options';

/** Listens on `lifecycle` for the lanes; returns the function that removes every listener. */
export function watchPageLifecycle(lifecycle: Lifecycle, lanes: readonly Lane[]): () => void {
  const { window: page, document } = lifecycle;
  const onVisibility = () => {
    if (document?.visibilityState === 'hidden') for (const lane of lanes) lane.unload(false);
    else if (document?.visibilityState === 'visible') for (const lane of lanes) lane.resume();
  };
  const onPageHide = () => {
    for (const lane of lanes) {
      lane.unload(true);
      lane.release();
    }
  };
  const onPageShow = (event: Event) => {
    if ((event as Event & { persisted?: boolean }).persisted) for (const lane of lanes) lane.resume();
  };
  document?.addEventListener('visibilitychange', onVisibility);
  page?.addEventListener('pagehide', onPageHide);
  page?.addEventListener('pageshow', onPageShow);
  return () => {
    document?.removeEventListener('visibilitychange', onVisibility);
    page?.removeEventListener('pagehide', onPageHide);
    page?.removeEventListener('pageshow', onPageShow);
  };
}
