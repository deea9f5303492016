/**
 * Whether an earlier page left events that it could not deliver (offline, server down, the page closed
 * mid-request). The collector resends a stored queue only when a collector starts, so embed.js checks this cheaply
 * on page load and, if so, starts the survey chunk during idle time even when no survey will show.
 *
 * Agrees with `@touchpoint/collector`'s `queue-store.ts` (proven in `test/runtime/delivery.test.ts` with a real
 * collector): a queue is kept under `touchpoint:q:{destination hash}:{page}` as `{ v, open, at, events }`; an entry
 * is free to take over once its page was left (`open: false`) or not written for 10 minutes; a taken-over entry is a
 * tombstone without events. The destination hash is not checked here (it would cost the loader fnv1a32): with two
 * site keys on one origin, a page may start its chunk for the other key's events, which its collector leaves alone.
 */
import type { LoaderOptions } from './options';
import { storageArea } from './safe-storage';

export function storedEvents(
  window: Window,
  { endpoint, input }: LoaderOptions,
  now: number,
  /**
   * Delete every queue a collector left instead (consent revoked; a privacy signal honoured, when nothing may be
   * sent, so events an earlier page queued are deleted rather than kept or looked for again on every page).
   */
  remove = false,
): boolean {
  try {
    // A storage of your own has no `key` and `length`, and the collector keeps its queue in memory then.
    const area = storageArea(window, input.storage ?? 'local');
    for (let i = area?.length ?? 0; endpoint && i-- > 0; ) {
      const key = area!.key!(i);
      if (!key?.startsWith('touchpoint:q:')) continue;
      if (remove) area!.removeItem!(key);
      else {
        const entry = JSON.parse(area!.getItem!(key)!);
        // 600000: the collector's STALE_QUEUE_MS.
        if (entry?.events?.[0] && (!entry.open || now - entry.at > 600_000)) return true;
      }
    }
  } catch {} // storage blocked or an entry unreadable: the collector reports it when it starts anyway
  return false;
}
