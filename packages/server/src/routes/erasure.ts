/**
 * Erasure, behind the site's admin key (never the results key): `DELETE /v1/admin/visitors/{visitorId}`,
 * `/v1/admin/users/{userId}` and `/v1/admin/responses/{responseId}` remove every raw event, text and stored answer
 * of that visitor, user id or response, and move the rollups in the same transaction, so every result afterwards
 * equals core's summary of what is left. Queued copies that arrive later are not stored again (a tombstone keeps a
 * hash of the id for `TOMBSTONE_MS`, never the content). The answer says how many events were erased.
 */
import { errorBody } from '../http/error-body';
import type { Clock } from '../limits';
import type { ErasureTarget, Store } from '../store/store';
import type { AdminRouter } from './admin';

/** Characters of an id in an erasure path (the wire contract's ids are far shorter). */
export const MAX_ERASE_ID_LENGTH = 512;

export interface ErasureDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

const TARGETS = {
  visitors: (id: string): ErasureTarget => ({ visitorId: id }),
  users: (id: string): ErasureTarget => ({ userId: id }),
  responses: (id: string): ErasureTarget => ({ responseId: id }),
} as const;

export function registerErasureRoutes(admin: AdminRouter, { store, clock, log }: ErasureDeps): void {
  for (const [collection, target] of Object.entries(TARGETS)) {
    admin.delete(`/${collection}/:id`, async (c) => {
      const id = c.req.param('id');
      if (id.length === 0 || id.length > MAX_ERASE_ID_LENGTH) {
        return c.json(
          errorBody('invalid_id', `Give an id of 1 to ${MAX_ERASE_ID_LENGTH} characters.`, [
            {
              path: 'id',
              expected: `1–${MAX_ERASE_ID_LENGTH} characters`,
              received: `${id.length} characters`,
              message: 'The id is empty or too long.',
            },
          ]),
          400,
        );
      }
      const site = c.get('site');
      try {
        const result = await store.erase(site.id, target(id), clock.now());
        return c.json({ ok: true, erased: result.events, responses: result.responses });
      } catch (error) {
        log(`[touchpoint] ${error instanceof Error ? error.message : String(error)}`);
        return c.json(
          errorBody('store_unavailable', 'Nothing was erased: the database failed. Try again.'),
          503,
          { 'Retry-After': '10' },
        );
      }
    });
  }
}
