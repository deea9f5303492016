/**
 * `GET /v1/inbox`, `GET /v1/inbox/{responseId}` and `PATCH /v1/inbox/{responseId}` (issue 13, point 2; decision
 * 0011), for the bearer of the site's results key. A PATCH needs `If-Match` with the item's ETag: 428 without it,
 * 412 when the item changed meanwhile (the answer carries the current ETag). Every answer is no-store.
 */
import { INBOX_STATUSES, type InboxStatus } from '@touchpoint/core';
import type { Context, Hono } from 'hono';
import { errorBody } from '../http/error-body';
import { createKeyGuard, NO_STORE } from '../http/key-guard';
import type { RateLimiter } from '../http/rate-limiter';
import { readJsonBody } from '../http/read-body';
import type { Clock, ServerLimits } from '../limits';
import { decodeInboxCursor, inboxEtag, inboxItemDetail, listInbox } from '../results/inbox-service';
import { ParamReader } from '../results/results-params';
import type { Site } from '../sites/site';
import type { Store } from '../store/store';

export interface InboxRoutesOptions {
  readonly store: Store;
  readonly sites: readonly Site[];
  readonly failures: RateLimiter;
  readonly clientKey: (c: Context) => string;
  readonly clock: Clock;
  readonly limits: Pick<ServerLimits, 'maxBodyBytes' | 'maxDecompressedBytes'>;
  readonly log: (line: string) => void;
}

/** Inbox items per page: at most, and when `limit` is not given. */
export const MAX_INBOX_LIMIT = 100;
export const DEFAULT_INBOX_LIMIT = 20;
/** Characters of a note and of an assignee. */
export const MAX_NOTE_LENGTH = 2000;
export const MAX_ASSIGNEE_LENGTH = 200;

const RESPONSE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function registerInboxRoutes(app: Hono, options: InboxRoutesOptions): void {
  const { store } = options;
  const guard = createKeyGuard({ ...options, role: 'results' });

  const unavailable = (c: Context, error: unknown) => {
    options.log(`[touchpoint] inbox failed: ${error instanceof Error ? error.message : String(error)}`);
    return c.json(errorBody('store_unavailable', 'The inbox could not be read; try again later.'), 503, {
      ...NO_STORE,
      'Retry-After': '10',
    });
  };

  app.get('/v1/inbox', async (c) => {
    const site = guard(c);
    if (site instanceof Response) return site;
    const params = new ParamReader(new URL(c.req.url).searchParams);
    const range = params.range();
    const status = params.choice('status', ['any', ...INBOX_STATUSES] as const, 'any');
    const touchpoint = params.optionalTouchpoint();
    const limit = params.integer('limit', 1, MAX_INBOX_LIMIT, DEFAULT_INBOX_LIMIT);
    const after = params.cursor(decodeInboxCursor) as ReturnType<typeof decodeInboxCursor>;
    const problems = params.finish();
    if (problems.length > 0) {
      return c.json(
        errorBody('invalid_parameters', problems.map((p) => p.message).join('; '), problems),
        400,
        NO_STORE,
      );
    }
    try {
      const body = await listInbox(store, site, {
        ...range,
        status: status === 'any' ? undefined : status,
        touchpoint,
        limit,
        after,
      });
      return c.json(body, 200, NO_STORE);
    } catch (error) {
      return unavailable(c, error);
    }
  });

  app.get('/v1/inbox/:responseId', async (c) => {
    const site = guard(c);
    if (site instanceof Response) return site;
    const responseId = c.req.param('responseId');
    try {
      const detail = RESPONSE_ID.test(responseId) ? await inboxItemDetail(store, site, responseId) : null;
      if (detail === null) {
        return c.json(errorBody('not_found', `No inbox item for response ${responseId}.`), 404, NO_STORE);
      }
      return c.json(detail, 200, { ...NO_STORE, ETag: inboxEtag(responseId, detail.item.version) });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  app.patch('/v1/inbox/:responseId', async (c) => {
    const site = guard(c);
    if (site instanceof Response) return site;
    const responseId = c.req.param('responseId');
    const ifMatch = c.req.header('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '') {
      return c.json(
        errorBody(
          'precondition_required',
          'Send If-Match with the ETag of the item you read (GET /v1/inbox/{responseId}), so no change is lost.',
        ),
        428,
        NO_STORE,
      );
    }
    const body = await readJsonBody(c.req.raw, options.limits);
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status, NO_STORE);
    const change = readChange(body.value);
    if (typeof change === 'string') {
      return c.json(errorBody('invalid_body', change), 400, NO_STORE);
    }
    const version = /^"([^"]+)\.(\d+)"$/.exec(ifMatch.trim());
    try {
      const found = RESPONSE_ID.test(responseId) ? await store.inboxItem(site.id, responseId) : null;
      if (found === null) {
        return c.json(errorBody('not_found', `No inbox item for response ${responseId}.`), 404, NO_STORE);
      }
      if (version === null || version[1] !== responseId) {
        return c.json(
          errorBody('precondition_failed', 'The item changed since you read it; read it again and retry.'),
          412,
          { ...NO_STORE, ETag: inboxEtag(responseId, found.item.version) },
        );
      }
      const outcome = await store.updateInbox(
        site.id,
        responseId,
        change,
        Number(version[2]),
        options.clock.now(),
      );
      if (outcome.outcome === 'missing') {
        return c.json(errorBody('not_found', `No inbox item for response ${responseId}.`), 404, NO_STORE);
      }
      if (outcome.outcome === 'conflict') {
        return c.json(
          errorBody('precondition_failed', 'The item changed since you read it; read it again and retry.'),
          412,
          { ...NO_STORE, ETag: inboxEtag(responseId, outcome.item.version) },
        );
      }
      const detail = await inboxItemDetail(store, site, responseId);
      return c.json(detail, 200, { ...NO_STORE, ETag: inboxEtag(responseId, outcome.item.version) });
    } catch (error) {
      return unavailable(c, error);
    }
  });
}

/** The PATCH body: `{ status?, note?, assignee? }`, at least one, nothing else. */
function readChange(value: unknown): { status?: InboxStatus; note?: string; assignee?: string } | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Send a JSON object: { "status": "contacted", "note": "…", "assignee": "…" }.';
  }
  const out: { status?: InboxStatus; note?: string; assignee?: string } = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'status') {
      if (!(INBOX_STATUSES as readonly unknown[]).includes(field)) {
        return `status: expected one of ${INBOX_STATUSES.join(', ')}, received ${JSON.stringify(field)}`;
      }
      out.status = field as InboxStatus;
    } else if (key === 'note' || key === 'assignee') {
      const max = key === 'note' ? MAX_NOTE_LENGTH : MAX_ASSIGNEE_LENGTH;
      if (typeof field !== 'string' || field.length > max) {
        return `${key}: expected text of at most ${max} characters`;
      }
      out[key] = field;
    } else {
      return `${key}: no such field (send status, note and assignee)`;
    }
  }
  if (Object.keys(out).length === 0) return 'Send at least one of status, note and assignee.';
  return out;
}
