/**
 * The follow-up inbox and at-risk contract (issue 13, points 2 and 3; decision 0011), read with the results key.
 */
import type { Band, Metric } from '../questions/metric';
import type { Customer } from './results-api';

export const INBOX_STATUSES = ['open', 'contacted', 'resolved'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Another answer of the same visitor (or customer), for context. */
export interface OtherAnswer {
  readonly responseId: string;
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly score: number;
  readonly band: Band;
  readonly at: string;
}

/** One follow-up item: an answer in a follow-up band and what was done about it. */
export interface InboxItem {
  readonly responseId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly metric: Metric;
  /** CES only: 5 or 7. */
  readonly points?: 5 | 7;
  readonly score: number;
  readonly band: Band;
  /** Whether the answer is still in a follow-up band (a changed answer may have left it). */
  readonly inBand: boolean;
  /** The response's open-text answers. */
  readonly texts: readonly string[];
  readonly customer?: Customer;
  readonly status: InboxStatus;
  readonly note: string;
  readonly assignee: string;
  /** Corrected time of the answer (ISO 8601). */
  readonly answeredAt: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  /** When it first left `open`; null while it never did. */
  readonly followedUpAt: string | null;
  readonly version: number;
}

export interface InboxHistoryEntry {
  readonly version: number;
  readonly at: string;
  /** `opened` (the answer arrived), `answer_changed` (the visitor changed it), `updated` (a PATCH). */
  readonly kind: 'opened' | 'answer_changed' | 'updated';
  readonly status: InboxStatus;
  readonly note: string;
  readonly assignee: string;
  readonly score: number;
}

/** Counts of the inbox within the request's range and touchpoint (every status). */
export interface InboxSummary {
  readonly byStatus: Readonly<Record<InboxStatus, number>>;
  /** Open items per touchpoint. */
  readonly openByTouchpoint: readonly { readonly touchpoint: string; readonly open: number }[];
  /** When the oldest open item's answer came (ISO 8601); null without open items. */
  readonly oldestOpenAt: string | null;
  /** Median time from an answer to its first follow-up, in hours; null while nothing was followed up. */
  readonly medianHoursToFollowUp: number | null;
}

/** `GET /v1/inbox?status&touchpoint&from&to&limit&cursor`: newest answer first, paged with a stable cursor. */
export interface InboxResponse {
  readonly items: readonly InboxItem[];
  readonly nextCursor: string | null;
  readonly summary: InboxSummary;
}

/** `GET /v1/inbox/{responseId}`: the item, its history (oldest first) and the visitor's other answers. */
export interface InboxItemResponse {
  readonly item: InboxItem;
  readonly history: readonly InboxHistoryEntry[];
  readonly otherAnswers: readonly OtherAnswer[];
}

/** One customer at risk, worst first. */
export interface AtRiskCustomer {
  readonly userId: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** `band` (the latest answer is in a follow-up band) or `drop` (it fell by the site's amount). */
  readonly reason: 'band' | 'drop';
  /** The fall between the two latest answers, in percent of the scale; null with fewer than two. */
  readonly dropPercent: number | null;
  /** The latest answer's position on its scale, 0–100 (the sort key: lowest first). */
  readonly latestPercent: number;
  readonly answers: readonly OtherAnswer[];
  readonly openItems: readonly string[];
}

/** `GET /v1/results/at-risk?from&to` */
export interface AtRiskResponse {
  readonly from: string;
  readonly to: string;
  readonly customers: readonly AtRiskCustomer[];
}
