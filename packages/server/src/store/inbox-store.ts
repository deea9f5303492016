/**
 * The follow-up inbox in the database (issue 13, point 2; decision 0011): the ingest transaction opens an item
 * for a winning score in a follow-up band and updates it when the visitor changes the answer; the readers and
 * the versioned update serve `/v1/inbox`. Every function takes and returns plain data.
 */
import { type CesPoints, FOLLOW_UP_DEFAULTS, type Metric } from '@touchpoint/core';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AnswerCandidate } from './rollup';
import type { Database, InboxHistoryTable, InboxItemsTable } from './tables';

/** The follow-up bands of a site: a score at or below its measure's threshold needs a follow-up. */
export interface FollowUpThresholds {
  readonly nps: number;
  readonly csat: number;
  readonly ces7: number;
  readonly ces5: number;
}

export const DEFAULT_THRESHOLDS: FollowUpThresholds = {
  nps: FOLLOW_UP_DEFAULTS.nps,
  csat: FOLLOW_UP_DEFAULTS.csat,
  ces7: FOLLOW_UP_DEFAULTS.ces7,
  ces5: FOLLOW_UP_DEFAULTS.ces5,
};

export const needsFollowUp = (
  bands: FollowUpThresholds,
  metric: Metric,
  points: 0 | CesPoints,
  value: number,
): boolean =>
  value <=
  (metric === 'nps' ? bands.nps : metric === 'csat' ? bands.csat : points === 5 ? bands.ces5 : bands.ces7);

export type InboxItemRow = Selectable<InboxItemsTable>;
export type InboxHistoryRow = Selectable<InboxHistoryTable>;

/** Plain numbers out of either database (PostgreSQL returns bigint columns as strings). */
export function plainItem(row: InboxItemRow): InboxItemRow {
  return {
    ...row,
    points: Number(row.points),
    score: Number(row.score),
    in_band: Number(row.in_band),
    version: Number(row.version),
    answered_at_ms: Number(row.answered_at_ms),
    opened_at_ms: Number(row.opened_at_ms),
    updated_at_ms: Number(row.updated_at_ms),
    followed_up_at_ms: row.followed_up_at_ms === null ? null : Number(row.followed_up_at_ms),
  };
}

export function plainHistory(row: InboxHistoryRow): InboxHistoryRow {
  return { ...row, version: Number(row.version), at_ms: Number(row.at_ms), score: Number(row.score) };
}

/** A winning score of this transaction, with the visitor of its event. */
export interface InboxCandidate extends AnswerCandidate {
  readonly visitorId: string;
  readonly userId: string | null;
}

/**
 * Opens an item for each new winning score in a follow-up band; a changed score updates its item (an open item
 * whose answer left the band is resolved, with the change in its history).
 */
/** The answer fields an inbox item is opened from. */
export type OpenedAnswer = Pick<
  InboxCandidate,
  | 'responseId'
  | 'questionId'
  | 'touchpoint'
  | 'surveyId'
  | 'metric'
  | 'points'
  | 'value'
  | 'visitorId'
  | 'userId'
  | 'correctedAtMs'
>;

/** The rows an answer in the follow-up band opens: its open item (version 1) and that version's history row. */
export function openedInboxRows(
  site: string,
  c: OpenedAnswer,
  now: number,
): { item: InboxItemRow; history: Insertable<InboxHistoryTable> } {
  return {
    item: {
      site,
      response_id: c.responseId,
      question_id: c.questionId,
      touchpoint: c.touchpoint,
      survey_id: c.surveyId,
      metric: c.metric,
      points: c.points,
      score: c.value,
      visitor_id: c.visitorId,
      user_id: c.userId,
      in_band: 1,
      status: 'open',
      note: '',
      assignee: '',
      version: 1,
      answered_at_ms: c.correctedAtMs,
      opened_at_ms: now,
      updated_at_ms: now,
      followed_up_at_ms: null,
    },
    history: {
      site,
      response_id: c.responseId,
      version: 1,
      at_ms: now,
      kind: 'opened',
      status: 'open',
      note: '',
      assignee: '',
      score: c.value,
    },
  };
}

export async function updateInboxOnIngest(
  trx: Transaction<Database>,
  winners: readonly InboxCandidate[],
  thresholdsOf: (site: string) => FollowUpThresholds,
  now: number,
): Promise<void> {
  if (winners.length === 0) return;
  const bySite = new Map<string, InboxCandidate[]>();
  for (const winner of winners) {
    const list = bySite.get(winner.site);
    if (list === undefined) bySite.set(winner.site, [winner]);
    else list.push(winner);
  }
  // New items and every history row are written together at the end, a few statements per group of requests
  // (one round trip per item cost PostgreSQL more than half its ingest throughput); an item opened earlier in
  // the same group is changed in memory before it is written.
  const opened = new Map<string, InboxItemRow>();
  const history: Insertable<InboxHistoryTable>[] = [];
  for (const [site, candidates] of bySite) {
    const ids = [...new Set(candidates.map((c) => c.responseId))];
    const existing = new Map<string, InboxItemRow>();
    for (let i = 0; i < ids.length; i += 400) {
      const rows = await trx
        .selectFrom('inbox_items')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', 'in', ids.slice(i, i + 400))
        .execute();
      for (const row of rows) existing.set(row.response_id, plainItem(row));
    }
    const thresholds = thresholdsOf(site);
    for (const c of candidates) {
      const inBand = needsFollowUp(thresholds, c.metric, c.points, c.value);
      const pending = opened.get(`${site}\u0000${c.responseId}`);
      const item = pending ?? existing.get(c.responseId);
      if (item === undefined) {
        if (!inBand) continue;
        const { item: row, history: first } = openedInboxRows(site, c, now);
        opened.set(`${site}\u0000${c.responseId}`, row);
        history.push(first);
        continue;
      }
      if (item.question_id !== c.questionId || item.score === c.value) continue;
      const status = !inBand && item.status === 'open' ? 'resolved' : item.status;
      const version = item.version + 1;
      const change = {
        score: c.value,
        in_band: inBand ? 1 : 0,
        status,
        version,
        updated_at_ms: now,
        answered_at_ms: c.correctedAtMs,
        user_id: c.userId ?? item.user_id,
      };
      if (pending !== undefined) Object.assign(pending, change);
      else {
        await trx
          .updateTable('inbox_items')
          .set(change)
          .where('site', '=', site)
          .where('response_id', '=', c.responseId)
          .execute();
        existing.set(c.responseId, { ...item, ...change });
      }
      history.push({
        site,
        response_id: c.responseId,
        version,
        at_ms: now,
        kind: 'answer_changed',
        status,
        note: item.note,
        assignee: item.assignee,
        score: c.value,
      });
    }
  }
  const items = [...opened.values()];
  for (let i = 0; i < items.length; i += 200) {
    await trx
      .insertInto('inbox_items')
      .values(items.slice(i, i + 200))
      .execute();
  }
  for (let i = 0; i < history.length; i += 200) {
    await trx
      .insertInto('inbox_history')
      .values(history.slice(i, i + 200))
      .execute();
  }
}

export interface InboxChange {
  readonly status?: 'open' | 'contacted' | 'resolved' | undefined;
  readonly note?: string | undefined;
  readonly assignee?: string | undefined;
}

export type InboxUpdateOutcome =
  | { readonly outcome: 'updated'; readonly item: InboxItemRow }
  | { readonly outcome: 'conflict'; readonly item: InboxItemRow }
  | { readonly outcome: 'missing' };

/** Applies a change if the item is still at `expectedVersion`; every change is kept in the history. */
export async function updateInboxItem(
  trx: Transaction<Database>,
  site: string,
  responseId: string,
  change: InboxChange,
  expectedVersion: number,
  now: number,
): Promise<InboxUpdateOutcome> {
  const found = await trx
    .selectFrom('inbox_items')
    .selectAll()
    .where('site', '=', site)
    .where('response_id', '=', responseId)
    .executeTakeFirst();
  if (found === undefined) return { outcome: 'missing' };
  const item = plainItem(found);
  if (item.version !== expectedVersion) return { outcome: 'conflict', item };
  const status = change.status ?? item.status;
  const next = {
    status,
    note: change.note ?? item.note,
    assignee: change.assignee ?? item.assignee,
    version: item.version + 1,
    updated_at_ms: now,
    followed_up_at_ms: item.followed_up_at_ms ?? (status !== 'open' ? now : null),
  };
  const updated = await trx
    .updateTable('inbox_items')
    .set(next)
    .where('site', '=', site)
    .where('response_id', '=', responseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { outcome: 'conflict', item };
  await trx
    .insertInto('inbox_history')
    .values({
      site,
      response_id: responseId,
      version: next.version,
      at_ms: now,
      kind: 'updated',
      status: next.status,
      note: next.note,
      assignee: next.assignee,
      score: item.score,
    })
    .execute();
  return { outcome: 'updated', item: { ...item, ...next } };
}

/** Who to erase: one response, one visitor or one user (for erasure; exposed on the Store as `eraseInbox`). */
export interface InboxErasure {
  readonly responseId?: string | undefined;
  readonly visitorId?: string | undefined;
  readonly userId?: string | undefined;
}

/** Removes the inbox items (and their history) of a response, visitor or user; returns how many items went. */
export async function eraseInbox(db: Kysely<Database>, site: string, who: InboxErasure): Promise<number> {
  return db.transaction().execute((trx) => eraseInboxIn(trx, site, who));
}

/**
 * `eraseInbox` inside a transaction the caller holds (erasure runs it in its own), also removing the items of
 * `responseIds` (the responses whose events were erased, whoever their item names).
 */
export async function eraseInboxIn(
  trx: Transaction<Database>,
  site: string,
  who: InboxErasure,
  responseIds: readonly string[] = [],
): Promise<number> {
  const ids = new Set(responseIds);
  if (who.responseId !== undefined || who.visitorId !== undefined || who.userId !== undefined) {
    let query = trx.selectFrom('inbox_items').select('response_id').where('site', '=', site);
    if (who.responseId !== undefined) query = query.where('response_id', '=', who.responseId);
    else if (who.visitorId !== undefined) query = query.where('visitor_id', '=', who.visitorId);
    else if (who.userId !== undefined) query = query.where('user_id', '=', who.userId);
    for (const row of await query.execute()) ids.add(row.response_id);
  }
  const all = [...ids];
  let removed = 0;
  for (let i = 0; i < all.length; i += 400) {
    const part = all.slice(i, i + 400);
    await trx.deleteFrom('inbox_history').where('site', '=', site).where('response_id', 'in', part).execute();
    const deleted = await trx
      .deleteFrom('inbox_items')
      .where('site', '=', site)
      .where('response_id', 'in', part)
      .executeTakeFirst();
    removed += Number(deleted.numDeletedRows);
  }
  return removed;
}

/**
 * Removes the items (and their history) of answers given before `beforeMs`: retention bounds the inbox as it bounds
 * the raw events and texts (an item names a customer and points at their words). Returns how many items went.
 */
export async function pruneInbox(
  trx: Transaction<Database>,
  site: string,
  beforeMs: number,
): Promise<number> {
  const old = await trx
    .selectFrom('inbox_items')
    .select('response_id')
    .where('site', '=', site)
    .where('answered_at_ms', '<', beforeMs)
    .execute();
  return eraseInboxIn(
    trx,
    site,
    {},
    old.map((row) => row.response_id),
  );
}
