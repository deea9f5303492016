/**
 * The follow-up inbox and customers at risk, as the API shows them (issue 13, points 2 and 3; decision 0011).
 */
import {
  type AtRiskCustomer,
  type AtRiskResponse,
  bandOf,
  FOLLOW_UP_DEFAULTS,
  type InboxItem,
  type InboxItemResponse,
  type InboxResponse,
  type InboxStatus,
  type InboxSummary,
  type OtherAnswer,
  scaleOf,
} from '@touchpoint/core';
import type { Site } from '../sites/site';
import { type FollowUpThresholds, type InboxItemRow, needsFollowUp } from '../store/inbox-store';
import type { ScoreRow, Store } from '../store/store';
import { customerOf } from './customer';
import { addDays, dayStart } from './days';
import type { DayRange } from './results-params';

/** A site's follow-up thresholds: its config's `followUp`, defaults filled in. */
export function thresholdsOf(site: Pick<Site, 'config'>): FollowUpThresholds {
  const given = site.config.followUp ?? {};
  return {
    nps: given.nps ?? FOLLOW_UP_DEFAULTS.nps,
    csat: given.csat ?? FOLLOW_UP_DEFAULTS.csat,
    ces7: given.ces7 ?? FOLLOW_UP_DEFAULTS.ces7,
    ces5: given.ces5 ?? FOLLOW_UP_DEFAULTS.ces5,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const points7 = (points: number): 5 | 7 => (points === 5 ? 5 : 7);

/** The ETag of an item version (strong; If-Match must repeat it). */
export const inboxEtag = (responseId: string, version: number) => `"${responseId}.${version}"`;

function toItem(
  row: InboxItemRow,
  texts: readonly string[],
  site: Site,
  attributes: ScoreRow['attributes'],
): InboxItem {
  const metric = row.metric as InboxItem['metric'];
  const customer = customerOf({ userId: row.user_id, attributes }, site.sensitiveAttributes ?? []);
  return {
    responseId: row.response_id,
    touchpoint: row.touchpoint,
    surveyId: row.survey_id,
    metric,
    ...(metric === 'ces' ? { points: points7(row.points) } : {}),
    score: row.score,
    band: bandOf(metric, row.score, points7(row.points)),
    inBand: row.in_band === 1,
    texts,
    ...(customer === undefined ? {} : { customer }),
    status: row.status as InboxStatus,
    note: row.note,
    assignee: row.assignee,
    answeredAt: iso(row.answered_at_ms),
    openedAt: iso(row.opened_at_ms),
    updatedAt: iso(row.updated_at_ms),
    followedUpAt: row.followed_up_at_ms === null ? null : iso(row.followed_up_at_ms),
    version: row.version,
  };
}

async function itemOf(store: Store, site: Site, row: InboxItemRow): Promise<InboxItem> {
  const { scores, texts } = await store.responseRows(site.id, row.response_id);
  return toItem(
    row,
    texts.map((t) => t.text),
    site,
    scores[0]?.attributes ?? null,
  );
}

export function summarizeInbox(rows: readonly InboxItemRow[]): InboxSummary {
  const byStatus: Record<InboxStatus, number> = { open: 0, contacted: 0, resolved: 0 };
  const open = new Map<string, number>();
  let oldest: number | null = null;
  const waits: number[] = [];
  for (const row of rows) {
    const status = row.status as InboxStatus;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 'open') {
      open.set(row.touchpoint, (open.get(row.touchpoint) ?? 0) + 1);
      if (oldest === null || row.answered_at_ms < oldest) oldest = row.answered_at_ms;
    }
    if (row.followed_up_at_ms !== null) waits.push(Math.max(0, row.followed_up_at_ms - row.answered_at_ms));
  }
  waits.sort((a, b) => a - b);
  const middle = waits.length / 2;
  const median =
    waits.length === 0
      ? null
      : waits.length % 2 === 1
        ? waits[Math.floor(middle)]!
        : (waits[middle - 1]! + waits[middle]!) / 2;
  return {
    byStatus,
    openByTouchpoint: [...open.entries()]
      .map(([touchpoint, count]) => ({ touchpoint, open: count }))
      .sort((a, b) => b.open - a.open || (a.touchpoint < b.touchpoint ? -1 : 1)),
    oldestOpenAt: oldest === null ? null : iso(oldest),
    medianHoursToFollowUp: median === null ? null : Math.round((median / 3_600_000) * 10) / 10,
  };
}

export interface InboxListQuery extends DayRange {
  readonly status?: InboxStatus | undefined;
  readonly touchpoint?: string | undefined;
  readonly limit: number;
  readonly after?: { readonly answeredAt: number; readonly responseId: string } | undefined;
}

export function encodeInboxCursor(position: { answeredAt: number; responseId: string }): string {
  return Buffer.from(JSON.stringify([position.answeredAt, position.responseId])).toString('base64url');
}

export function decodeInboxCursor(text: string): { answeredAt: number; responseId: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [answeredAt, responseId] = value as unknown[];
    if (typeof answeredAt !== 'number' || !Number.isSafeInteger(answeredAt) || typeof responseId !== 'string')
      return undefined;
    return { answeredAt, responseId };
  } catch {
    return undefined;
  }
}

export async function listInbox(store: Store, site: Site, query: InboxListQuery): Promise<InboxResponse> {
  const range = { site: site.id, fromMs: dayStart(query.from), toMs: dayStart(addDays(query.to, 1)) };
  const rows = await store.inboxItems({
    ...range,
    status: query.status,
    touchpoint: query.touchpoint,
    limit: query.limit + 1,
    after: query.after,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const items: InboxItem[] = [];
  for (const row of page) items.push(await itemOf(store, site, row));
  return {
    items,
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeInboxCursor({ answeredAt: last.answered_at_ms, responseId: last.response_id })
        : null,
    summary: summarizeInbox(await store.inboxSummaryRows({ ...range, touchpoint: query.touchpoint })),
  };
}

const otherAnswer = (row: ScoreRow): OtherAnswer => ({
  responseId: row.responseId,
  touchpoint: row.touchpoint,
  metric: row.metric,
  score: row.value,
  band: bandOf(row.metric, row.value, row.points === 0 ? 7 : row.points),
  at: iso(row.correctedAt),
});

/** Answers of a visitor (or customer) kept per item or customer. */
const OTHER_ANSWERS = 50;

export async function inboxItemDetail(
  store: Store,
  site: Site,
  responseId: string,
): Promise<InboxItemResponse | null> {
  const found = await store.inboxItem(site.id, responseId);
  if (found === null) return null;
  const item = await itemOf(store, site, found.item);
  const others = await store.customerScores({
    site: site.id,
    visitorId: found.item.visitor_id,
    limit: OTHER_ANSWERS,
  });
  return {
    item,
    history: found.history.map((h) => ({
      version: h.version,
      at: iso(h.at_ms),
      kind: h.kind as InboxItemResponse['history'][number]['kind'],
      status: h.status as InboxStatus,
      note: h.note,
      assignee: h.assignee,
      score: h.score,
    })),
    otherAnswers: others.filter((row) => row.responseId !== responseId).map(otherAnswer),
  };
}

/** Customers read per at-risk request, at most (their answers in the range). */
export const AT_RISK_SCORES = 20_000;

const percentOf = (row: ScoreRow) => {
  const scale = scaleOf(row.metric, row.points === 0 ? 7 : row.points);
  return ((row.value - scale.min) / (scale.max - scale.min)) * 100;
};

/**
 * Identified customers whose latest answer in the range is in a follow-up band, or fell by the site's
 * `followUp.dropPercent` (of the scale) below the answer before it; worst first (lowest latest position).
 */
export async function atRisk(
  store: Store,
  site: Site,
  range: DayRange,
  attribute?: { readonly name: string; readonly value: string },
): Promise<AtRiskResponse> {
  const thresholds = thresholdsOf(site);
  const drop = site.config.followUp?.dropPercent ?? FOLLOW_UP_DEFAULTS.dropPercent;
  // With an attribute filter, only the answers counted in that segment (as every results endpoint counts them).
  const rows = await store.customerScores({
    site: site.id,
    fromMs: dayStart(range.from),
    toMs: dayStart(addDays(range.to, 1)),
    attribute,
    limit: AT_RISK_SCORES,
  });
  const byUser = new Map<string, ScoreRow[]>();
  for (const row of rows) {
    if (row.userId === null) continue;
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  }
  const openByUser = new Map<string, InboxItemRow[]>();
  for (const item of await store.inboxItems({
    site: site.id,
    fromMs: 0,
    toMs: Number.MAX_SAFE_INTEGER,
    status: 'open',
    limit: AT_RISK_SCORES,
  })) {
    if (item.user_id !== null) openByUser.set(item.user_id, [...(openByUser.get(item.user_id) ?? []), item]);
  }
  const customers: AtRiskCustomer[] = [];
  for (const [userId, answers] of byUser) {
    const latest = answers[answers.length - 1]!;
    const before = answers[answers.length - 2];
    const latestPercent = percentOf(latest);
    const fell = before === undefined ? null : percentOf(before) - latestPercent;
    const inBand = needsFollowUp(thresholds, latest.metric, latest.points, latest.value);
    if (!inBand && (fell === null || fell < drop)) continue;
    const customer = customerOf(latest, site.sensitiveAttributes ?? []);
    customers.push({
      userId,
      attributes: customer?.attributes ?? {},
      reason: inBand ? 'band' : 'drop',
      dropPercent: fell === null ? null : Math.round(fell * 10) / 10,
      latestPercent: Math.round(latestPercent * 10) / 10,
      answers: answers.map(otherAnswer),
      openItems: (openByUser.get(userId) ?? []).map((item) => item.response_id),
    });
  }
  customers.sort(
    (a, b) =>
      a.latestPercent - b.latestPercent ||
      (b.dropPercent ?? 0) - (a.dropPercent ?? 0) ||
      (a.userId < b.userId ? -1 : 1),
  );
  return { from: range.from, to: range.to, customers };
}
