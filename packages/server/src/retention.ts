/**
 * Retention (decision 0006): a site with `retentionDays` keeps its raw events, open-text answers, winning answers
 * and display rows for that many days, by the day they count on (UTC); older ones are deleted every hour while the
 * server runs, and by `touchpoint prune`. The daily rollups (counts per site × touchpoint × metric × day, and per
 * device × locale × path) hold no personal data and stay, so trends over years remain. An event id is deduplicated
 * for as long as its event is kept: the dedupe window is the retention window.
 */
import { DAY_MS } from '@touchpoint/core';
import type { Clock } from './limits';
import type { Site } from './sites/site';
import { dayOf } from './store/event-row';
import type { PruneResult, Store } from './store/store';

/** How often a running server prunes. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** The first day a site keeps: days before it are pruned. */
export const firstKeptDay = (retentionDays: number, now: number): string =>
  dayOf(now - retentionDays * DAY_MS);

/** Prunes every site that has a retention; returns what was deleted per site. */
export async function pruneSites(
  store: Store,
  sites: readonly Site[],
  now: number,
): Promise<Map<string, PruneResult>> {
  const out = new Map<string, PruneResult>();
  for (const site of sites) {
    if (site.retentionDays === undefined) continue;
    out.set(site.id, await store.prune(site.id, firstKeptDay(site.retentionDays, now), now));
  }
  return out;
}

/** Prunes at start and then every `intervalMs`; a failure is logged and tried again next time. */
export function scheduleRetention(
  store: Store,
  sites: readonly Site[],
  options: { clock: Clock; log: (line: string) => void; intervalMs?: number },
): { stop(): Promise<void> } {
  if (!sites.some((site) => site.retentionDays !== undefined)) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        for (const [site, result] of await pruneSites(store, sites, options.clock.now())) {
          if (result.events > 0 || result.texts > 0) {
            options.log(
              `[touchpoint] retention: deleted ${result.events} events and ${result.texts} texts of ${site}`,
            );
          }
        }
      } catch (error) {
        options.log(`[touchpoint] retention failed, trying again later: ${(error as Error).message}`);
      }
    });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? PRUNE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
