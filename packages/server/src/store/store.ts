/**
 * The storage port of the server: one interface, one SQL implementation (`sql-store.ts`) over two databases,
 * SQLite (`sqlite.ts`, the default) and PostgreSQL (`postgres.ts`, when `DATABASE_URL` is set).
 */
import type { Attributes, Batch, CesPoints, Device, Metric, WireEvent } from '@touchpoint/core';
import type {
  FollowUpThresholds,
  InboxChange,
  InboxErasure,
  InboxHistoryRow,
  InboxItemRow,
  InboxUpdateOutcome,
} from './inbox-store';

/** One validated batch as the ingest route hands it to the store. */
export interface IngestBatch {
  /** Id of the site (from the sites file), never its key. */
  readonly site: string;
  readonly batch: Batch;
  /** Server receive time, epoch ms. */
  readonly receivedAt: number;
  /** Daily-salted hash of the client (only when IP hashing is on); never the raw IP. */
  readonly ipHash?: string | null;
  /** The site config's `segmentAttributes`: the visitor attributes kept as result segments. */
  readonly segmentAttributes?: readonly string[] | undefined;
  /** The site's follow-up thresholds (config `followUp`); the defaults when left out. */
  readonly followUp?: FollowUpThresholds | undefined;
}

/** What one batch did: `stored + duplicates` is the number of events in the batch. */
export interface IngestResult {
  /** Events stored by this write. */
  readonly stored: number;
  /** Events whose id was already stored (earlier, or earlier in the same batch); never stored twice. */
  readonly duplicates: number;
  /**
   * Ids among the duplicates whose payload differs from the stored one. First write wins: they are acknowledged
   * as duplicates and never overwrite anything (see README, "Idempotency").
   */
  readonly conflicts: readonly string[];
}

/** The metric a survey asks, as the rollups attribute its shown / completed / dismissed counts. */
export interface SurveyKind {
  readonly surveyId: string;
  readonly metric: Metric;
  /** CES only: 7 (default) or 5. */
  readonly points?: CesPoints;
}

/** One rollup row: a site × touchpoint × metric (× CES points) × day, counted as `summarizeEvents` counts. */
export interface RollupRow {
  readonly site: string;
  readonly touchpoint: string;
  readonly metric: Metric;
  /** 5 or 7 for CES; 0 for NPS and CSAT. */
  readonly points: 0 | CesPoints;
  /** UTC day of the corrected event time, `YYYY-MM-DD`. */
  readonly day: string;
  /** Answers per scale value: `counts[i]` for the value `scale.min + i`. */
  readonly counts: readonly number[];
  /** Responses shown, completed and dismissed (distinct `responseId`s). */
  readonly shown: number;
  readonly completed: number;
  readonly dismissed: number;
}

/** The segment filters of the results API; each one given narrows the rows to events that match it. */
export interface SegmentFilter {
  readonly device?: Device | undefined;
  /** A lower-case language tag: `nl` matches `nl`, `nl-BE` and `NL-be`. */
  readonly locale?: string | undefined;
  /** A page path, exact. */
  readonly path?: string | undefined;
  /**
   * One segment attribute and its value (`attr.plan=pro`), read from the attribute rollups; never combined with
   * device, locale or path (the results API refuses that).
   */
  readonly attribute?: { readonly name: string; readonly value: string } | undefined;
}

export interface RollupQuery {
  readonly site: string;
  /** First day, inclusive, `YYYY-MM-DD` (UTC). */
  readonly from?: string;
  /** Last day, inclusive, `YYYY-MM-DD` (UTC). */
  readonly to?: string;
  /** Only this touchpoint. */
  readonly touchpoint?: string | undefined;
  /** Only events of this segment (read from the segment rollups); none given: every event. */
  readonly segment?: SegmentFilter | undefined;
}

export type SegmentDimension = 'device' | 'locale' | 'path' | `attr.${string}`;

/** Rollup counts of one touchpoint × metric × segment value, summed over the days of a range. */
export interface SegmentRollupRow extends Omit<RollupRow, 'day'> {
  /** The device, locale or path; null for events that did not report it. */
  readonly segment: string | null;
}

/** Which answers (winning score or text per response × question) to read, by corrected time. */
export interface AnswerQuery {
  readonly site: string;
  /** Corrected time from, inclusive, epoch ms. */
  readonly fromMs: number;
  /** Corrected time to, exclusive, epoch ms. */
  readonly toMs: number;
  readonly touchpoint?: string | undefined;
  readonly metric?: Metric | undefined;
  /** With `metric`: 5 or 7 for CES, 0 for the others. */
  readonly points?: 0 | CesPoints | undefined;
  readonly segment?: SegmentFilter | undefined;
  /** At most this many rows. */
  readonly limit: number;
}

/** Scores of one metric (CES: of one length), and of these values only when `values` is given. */
export interface ScoreFilter {
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly values?: readonly number[] | undefined;
}

/** Where a page of answers continues: the last row of the previous page. */
export interface AnswerPosition {
  readonly correctedAt: number;
  readonly responseId: string;
  readonly questionId: string;
}

/** Fields of a winning answer or verbatim, as stored. */
interface AnswerFields {
  readonly responseId: string;
  readonly questionId: string;
  readonly eventId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  /** Corrected time of the winning event, epoch ms. */
  readonly correctedAt: number;
  readonly device: string | null;
  readonly locale: string | null;
  readonly path: string;
  /** The user id of the winning event's visitor (`identify()`); null for an anonymous visitor. */
  readonly userId: string | null;
  /** The winning event's visitor attributes, as sent (sensitive ones too: the results layer drops those). */
  readonly attributes: Attributes | null;
  /** The winning event's visitor id. */
  readonly visitorId: string;
}

/** A winning score of a response, with the response's open-text answers (in question order). */
export interface ScoreRow extends AnswerFields {
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly value: number;
  readonly texts: readonly string[];
}

/** A winning open-text answer with the winning score of its response. */
export interface TextRow extends AnswerFields {
  readonly text: string;
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly score: number;
}

/** An event as stored, with the server's times beside the client's. */
export interface StoredEvent {
  readonly site: string;
  readonly event: WireEvent;
  readonly receivedAt: number;
  readonly sentAt: number;
  /** receivedAt − (sentAt − at), never later than receivedAt (fault case 72). */
  readonly correctedAt: number;
  readonly day: string;
  /** The client's times make no sense (an event after its batch was sent, or older than 30 days). */
  readonly clockSuspect: boolean;
  readonly ipHash: string | null;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, safe to print (a file path, or a URL without its password). */
  readonly location: string;
  /** Writes the batches in one transaction and resolves only after it committed durably. */
  ingest(batches: readonly IngestBatch[]): Promise<IngestResult[]>;
  /**
   * Records the metric of each survey of a site's config (a survey's metric is fixed once recorded) and counts
   * the displays already stored for surveys that were unknown until now. Returns the surveys whose recorded
   * metric differs from the one given.
   */
  registerSurveys(site: string, surveys: readonly SurveyKind[]): Promise<SurveyKind[]>;
  /**
   * Rollup rows of a site, per day, ordered by day, touchpoint, metric. With a segment filter the rows are the
   * sums over the matching segments of each day.
   */
  rollups(query: RollupQuery): Promise<RollupRow[]>;
  /** Rollup counts per touchpoint × metric × value of one segment dimension, summed over the range. */
  segmentRollups(query: RollupQuery & { readonly by: SegmentDimension }): Promise<SegmentRollupRow[]>;
  /**
   * Winning scores, oldest first by corrected time (then response and question id), from just after `after`.
   * With `values`, only scores with one of those values.
   */
  scores(query: AnswerQuery & { readonly after?: AnswerPosition | undefined }): Promise<ScoreRow[]>;
  /**
   * Winning open-text answers whose response has a winning score, newest first by corrected time (then response
   * and question id, descending), from just after `after`. With `scores`, only texts whose score matches one of
   * them.
   */
  texts(
    query: Omit<AnswerQuery, 'metric' | 'points'> & {
      readonly after?: AnswerPosition | undefined;
      readonly scores?: readonly ScoreFilter[] | undefined;
    },
  ): Promise<TextRow[]>;
  /** Every winning score and text of one response (scores in question order, then texts). */
  responseAnswers(
    site: string,
    responseId: string,
  ): Promise<{ scores: ScoreRow[]; texts: Omit<TextRow, 'metric' | 'points' | 'score'>[] }>;
  /**
   * Inbox items of a site, newest answer first (then response id, descending), from just after `after`, within
   * the corrected-time range; with `status` and `touchpoint` only those.
   */
  inboxItems(query: InboxQuery): Promise<InboxItemRow[]>;
  /** Every item of a site in the range (for the inbox summary): status, touchpoint and times only matter. */
  inboxSummaryRows(query: Omit<InboxQuery, 'status' | 'after' | 'limit'>): Promise<InboxItemRow[]>;
  /** One item with its history, oldest change first; null when there is none. */
  inboxItem(
    site: string,
    responseId: string,
  ): Promise<{ item: InboxItemRow; history: InboxHistoryRow[] } | null>;
  /** Applies a change if the item is still at `expectedVersion` (a history entry per change). */
  updateInbox(
    site: string,
    responseId: string,
    change: InboxChange,
    expectedVersion: number,
    now: number,
  ): Promise<InboxUpdateOutcome>;
  /**
   * Removes the inbox items and their history of one response, visitor or user (for erasure); returns how many
   * items were removed.
   */
  eraseInbox(site: string, who: InboxErasure): Promise<number>;
  /**
   * Winning scores of identified visitors (with a user id), by corrected time, oldest first; with `userIds` only
   * theirs, with `visitorId` only that visitor's. At most `limit`.
   */
  customerScores(query: {
    readonly site: string;
    readonly fromMs?: number | undefined;
    readonly toMs?: number | undefined;
    readonly userIds?: readonly string[] | undefined;
    readonly visitorId?: string | undefined;
    readonly limit: number;
  }): Promise<ScoreRow[]>;
  /** Stored events of a site in insertion order (for exports and tests); each is validated on read. */
  events(site: string, options?: { limit?: number }): Promise<StoredEvent[]>;
  /** Number of stored events, of one site or of all. */
  countEvents(site?: string): Promise<number>;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface InboxQuery {
  readonly site: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly status?: string | undefined;
  readonly touchpoint?: string | undefined;
  readonly limit: number;
  readonly after?: { readonly answeredAt: number; readonly responseId: string } | undefined;
}

/** The store could not do its work (database down, disk full, locked): the client should retry later. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError' as const;
}
