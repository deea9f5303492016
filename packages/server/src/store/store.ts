/**
 * The storage port of the server: one interface, one SQL implementation (`sql-store.ts`) over two databases,
 * SQLite (`sqlite.ts`, the default) and PostgreSQL (`postgres.ts`, when `DATABASE_URL` is set).
 */
import type {
  Answer,
  Attributes,
  Band,
  Batch,
  CesPoints,
  Channel,
  Device,
  Metric,
  Problem,
  WireEvent,
} from '@touchpoint/core';
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
  /**
   * Check each event against the surveys the site published (`registerSurveys`): a batch with an event of a
   * survey never published, at another touchpoint, with another metric, or retired longer than
   * `SURVEY_GRACE_MS` ago is refused whole, its problems in `IngestResult.refused`. The ingest route sets it;
   * trusted writers (seeding, imports) may leave it out.
   */
  readonly checkSurveys?: boolean;
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
  /** With `checkSurveys`: the events refused, by path (`events[3].surveyId`); nothing of the batch was stored. */
  readonly refused?: readonly Problem[];
  /** Events not stored because their visitor, user or response was erased (counted in `duplicates`). */
  readonly erased?: number;
  /** Alerts this write put in the outbox (for every batch of the write together; the delivery wakes up for them). */
  readonly alerts?: number;
}

/** The metric a survey asks, as the rollups attribute its shown / completed / dismissed counts. */
export interface SurveyKind {
  readonly surveyId: string;
  readonly metric: Metric;
  /** CES only: 7 (default) or 5. */
  readonly points?: CesPoints;
  /** The survey's touchpoint; events of the survey at another touchpoint are refused. */
  readonly touchpoint?: string;
  /** False: the survey is closed; its events are accepted for `SURVEY_GRACE_MS` after it was registered so. */
  readonly enabled?: boolean;
  /** The end of the survey's schedule, epoch ms: its events are accepted until `SURVEY_GRACE_MS` after it. */
  readonly endsAt?: number;
}

/**
 * How long events of a survey that was removed from the site's config or closed are still accepted (pages keep an
 * old config and collectors hold events up to core's `MAX_EVENT_AGE_MS`): 7 days. Decision 0006.
 */
export const SURVEY_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export interface RegisterOptions {
  /**
   * The surveys given are the site's whole published config: every survey × touchpoint of the site not among
   * them is retired now (accepted for `SURVEY_GRACE_MS` more). Without it, registering only adds.
   */
  readonly complete?: boolean;
  /** Epoch ms of the registration. @default Date.now() */
  readonly now?: number;
}

/** What an erasure removes: every event of a visitor, of a user id or of a response. */
export type ErasureTarget =
  | { readonly visitorId: string }
  | { readonly userId: string }
  | { readonly responseId: string };

export interface ErasureResult {
  /** Raw events removed. */
  readonly events: number;
  /** Responses whose stored answers, texts and display counts were removed or recounted from what is left. */
  readonly responses: number;
}

export interface PruneResult {
  /** Raw events removed (older than the retention). */
  readonly events: number;
  /** Open-text answers removed. */
  readonly texts: number;
  /** Tombstones of erasures removed (older than `MAX_EVENT_AGE_MS`, when no queued copy can arrive any more). */
  readonly tombstones: number;
  /** Follow-up inbox items (with their history) of answers given before the first kept day. */
  readonly inboxItems: number;
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
  /** Where it was answered; `web` includes the events that named no channel. */
  readonly channel?: Channel | undefined;
  /**
   * One segment attribute and its value (`attr.plan=pro`), read from the attribute rollups; never combined with
   * device, locale, path or channel (the results API refuses that).
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

export type SegmentDimension = 'device' | 'locale' | 'path' | 'channel' | `attr.${string}`;

/** Rollup counts of one touchpoint × metric × segment value, summed over the days of a range. */
export interface SegmentRollupRow extends Omit<RollupRow, 'day'> {
  /** The device, locale, path or channel; null for events that did not report a device or locale. */
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
  readonly channel: Channel;
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
  /**
   * receivedAt − (sentAt − at), never later than receivedAt (fault case 72) and never earlier than receivedAt −
   * core's `MAX_EVENT_AGE_MS`.
   */
  readonly correctedAt: number;
  readonly day: string;
  /** The client's times make no sense (an event after its batch was sent, or sent more than core's `MAX_EVENT_AGE_MS` after it happened). */
  readonly clockSuspect: boolean;
  readonly ipHash: string | null;
}

/** Where a config version came from. */
export type ConfigSource = 'sites-file' | 'editor' | 'api' | 'rollback';

/** One version of a site's survey config, without the config itself. */
export interface ConfigVersionInfo {
  /** 1, 2, 3, … per site; the highest is the published version. */
  readonly number: number;
  /** Who published it, as the publisher named themselves (a label, not an identity). */
  readonly author: string;
  readonly note: string;
  readonly source: ConfigSource;
  /** For a rollback: the version it published again. */
  readonly restoredFrom: number | null;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A config version with its JSON text, exactly as published. */
export interface ConfigVersion extends ConfigVersionInfo {
  readonly config: string;
}

/** A new version to publish on top of `basedOn` (0: only when the site has no version yet). */
export interface ConfigPublication {
  readonly config: string;
  readonly author: string;
  readonly note: string;
  readonly source: ConfigSource;
  readonly restoredFrom?: number | null;
  readonly basedOn: number;
  /** Epoch ms. */
  readonly at: number;
}

/** A publication's outcome: the new version, or the number someone else published since `basedOn`. */
export type PublishResult =
  | { readonly ok: true; readonly version: ConfigVersionInfo }
  | { readonly ok: false; readonly current: number };
/** How an alert is written on the wire: Touchpoint's signed JSON, or a Slack incoming-webhook message. */
export type AlertFormat = 'json' | 'slack';

/** What a rule says: where alerts go and which answers fire them (each filter given narrows them). */
export interface AlertRuleFields {
  readonly url: string;
  readonly format: AlertFormat;
  /** Only answers at these touchpoints; null: every touchpoint. */
  readonly touchpoints: readonly string[] | null;
  /** Only scores in these bands (core's names, e.g. `detractor`, `unsatisfied`, `disagree`); null: every band. */
  readonly bands: readonly Band[] | null;
  /** Only responses with a non-empty open-text answer. */
  readonly hasText: boolean;
  /** Only answers of identified visitors (the host called `identify`). */
  readonly identifiedOnly: boolean;
  /** Send one alert per matching response as it is stored. */
  readonly instant: boolean;
  /** Send a digest of the matching answers of each UTC day, after the day ends. */
  readonly digest: boolean;
}

export interface AlertRule extends AlertRuleFields {
  readonly id: string;
  readonly site: string;
  /** The signing secret (`whsec_…`). */
  readonly secret: string;
  readonly enabled: boolean;
  /** Why the server disabled it (e.g. the receiver answered 410 Gone); null when enabled or disabled by a person. */
  readonly disabledReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type AlertKind = 'answer' | 'digest' | 'test';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/** One HTTP attempt of a delivery. */
export interface AlertAttempt {
  readonly at: number;
  readonly durationMs: number;
  /** The receiver's HTTP status; null when no answer came (refused, timed out, blocked). */
  readonly statusCode: number | null;
  readonly error: string | null;
  /** Which server process made it. */
  readonly worker: string;
}

/** One alert in the outbox, with its attempts. */
export interface AlertDelivery {
  /** The `Touchpoint-Delivery` id: the same on every retry and resend. */
  readonly id: string;
  readonly ruleId: string;
  readonly site: string;
  readonly kind: AlertKind;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly createdAt: number;
  readonly nextAt: number;
  readonly deliveredAt: number | null;
  readonly lastError: string | null;
  /** What the alert says (see `alerts/alert-payload.ts`), before it is written in the rule's format. */
  readonly payload: Record<string, unknown>;
  readonly attemptLog: readonly AlertAttempt[];
}

/** A delivery claimed by one worker until `leaseUntil`, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly ruleId: string;
  readonly site: string;
  readonly kind: AlertKind;
  readonly attempts: number;
  readonly createdAt: number;
  readonly payload: Record<string, unknown>;
  readonly url: string;
  readonly format: AlertFormat;
  readonly secret: string;
}

/** What became of one attempt. */
export type AttemptOutcome =
  | { readonly status: 'delivered' }
  | { readonly status: 'retry'; readonly nextAt: number }
  | { readonly status: 'failed' };

export interface FinishedAttempt {
  readonly id: string;
  /** The worker that claimed it; a worker whose lease was taken over records its attempt but changes nothing else. */
  readonly owner: string;
  readonly attempt: AlertAttempt;
  readonly outcome: AttemptOutcome;
  /** Disable the delivery's rule with this reason (410 Gone). */
  readonly disableRule?: string | undefined;
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
  registerSurveys(
    site: string,
    surveys: readonly SurveyKind[],
    options?: RegisterOptions,
  ): Promise<SurveyKind[]>;
  /**
   * Erases every event of a visitor, user id or response of a site: raw events, stored answers and texts go, and
   * the rollups move in the same transaction so every result equals core's summary of what is left. A tombstone
   * (a hash of the id, not the content) refuses queued copies that arrive later.
   */
  erase(site: string, target: ErasureTarget, now?: number): Promise<ErasureResult>;
  /**
   * Deletes a site's raw events, texts, winning answers and display rows whose day is before `beforeDay`
   * (`YYYY-MM-DD`); the rollups stay.
   */
  prune(site: string, beforeDay: string, now?: number): Promise<PruneResult>;
  /** The surveys of a site as recorded by `registerSurveys` or learned from events. */
  recordedSurveys(site: string): Promise<SurveyKind[]>;
  /** The published (newest) config version of a site; undefined before the first. */
  publishedConfig(site: string): Promise<ConfigVersion | undefined>;
  /** One config version of a site. */
  configVersion(site: string, number: number): Promise<ConfigVersion | undefined>;
  /** Config versions of a site, newest first, at most `limit`, only those numbered below `before` when given. */
  configVersions(site: string, options: { limit: number; before?: number }): Promise<ConfigVersionInfo[]>;
  /**
   * Publishes a new config version as `basedOn + 1`, atomically: refused (with the current number) when the
   * newest version is not `basedOn`, so two publishers from the same version never overwrite each other.
   */
  publishConfig(site: string, publication: ConfigPublication): Promise<PublishResult>;
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
  /**
   * The winning answers of one response (scores, then open texts, each in question order): what a personal link
   * opened again shows. Empty when the response has no answer yet.
   */
  responseAnswers(site: string, responseId: string): Promise<Answer[]>;
  /** The segment-attribute values a site keeps (`attribute_values`: the first seen per attribute), by name then value. */
  attributeValues(site: string): Promise<{ name: string; value: string }[]>;
  /** Every winning score and text of one response with its event's context (scores in question order, then texts). */
  responseRows(
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
    /** Only answers counted in this attribute segment (`responses.attrs`). */
    readonly attribute?: { readonly name: string; readonly value: string } | undefined;
    readonly limit: number;
  }): Promise<ScoreRow[]>;
  /** Stored events of a site in insertion order (for exports and tests); each is validated on read. */
  events(site: string, options?: { limit?: number }): Promise<StoredEvent[]>;
  /** Number of stored events, of one site or of all. */
  countEvents(site?: string): Promise<number>;
  /** Stores a new alert rule (id and secret made by the caller). */
  createAlertRule(rule: AlertRule): Promise<void>;
  /** The rules of a site, oldest first; with `id`, that rule only. */
  alertRules(site: string, id?: string): Promise<AlertRule[]>;
  /** Number of alert rules of a site. */
  countAlertRules(site: string): Promise<number>;
  /** Changes a rule; enabling it clears its disabled reason. Undefined when the site has no such rule. */
  updateAlertRule(
    site: string,
    id: string,
    changes: Partial<AlertRuleFields> & { readonly enabled?: boolean },
    now: number,
  ): Promise<AlertRule | undefined>;
  /** Deletes a rule and cancels its pending deliveries; false when the site has no such rule. */
  deleteAlertRule(site: string, id: string, now: number): Promise<boolean>;
  /** Puts one alert of a rule in the outbox, due now (a test alert); false when the rule is not the site's. */
  enqueueAlert(input: {
    readonly id: string;
    readonly site: string;
    readonly ruleId: string;
    readonly kind: AlertKind;
    readonly payload: Record<string, unknown>;
    readonly now: number;
  }): Promise<boolean>;
  /** The latest deliveries of a rule, newest first, each with its attempts. */
  alertDeliveries(site: string, ruleId: string, limit: number): Promise<AlertDelivery[]>;
  /** Makes a delivery of a rule due again now (same delivery id); false when there is no such delivery. */
  resendAlertDelivery(site: string, ruleId: string, deliveryId: string, now: number): Promise<boolean>;
  /**
   * Claims up to `limit` due deliveries of enabled rules for `owner` until `now + leaseMs`: a delivery claimed by
   * one worker is claimed by no other until its lease ends (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
   */
  claimAlertDeliveries(input: {
    readonly owner: string;
    readonly now: number;
    readonly leaseMs: number;
    readonly limit: number;
  }): Promise<ClaimedDelivery[]>;
  /** Records attempts and what became of their deliveries, in one transaction; releases the leases. */
  finishAlertAttempts(finished: readonly FinishedAttempt[]): Promise<void>;
  /**
   * Queues, for every enabled digest rule, the digests of the UTC days it is owed up to the day before `now`: that
   * day, and the days missed while no server queued them (at most `DIGEST_CATCH_UP_DAYS`, the most recent); returns
   * how many were queued.
   */
  queueAlertDigests(now: number): Promise<number>;
  /** The earliest time a pending delivery of an enabled rule is due; undefined when none is pending. */
  nextAlertDue(): Promise<number | undefined>;
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
