/**
 * The tables, as Kysely sees them. Times are epoch milliseconds (bigint) and days are `YYYY-MM-DD` text in both
 * databases, so every query is the same SQL on SQLite and PostgreSQL. JSON columns are `text` on SQLite and
 * `jsonb` on PostgreSQL; `parseJson` reads either.
 */
import type { Generated } from 'kysely';

/** Every wire event once per site (unique on site × event id, the idempotency key). */
export interface EventsTable {
  id: string;
  /** Insertion order, for stable exports. */
  seq: Generated<number>;
  site: string;
  type: string;
  survey_id: string;
  touchpoint: string;
  response_id: string;
  /** The client's `at`, as sent. */
  at: string;
  at_ms: number;
  sent_at_ms: number;
  received_at_ms: number;
  corrected_at_ms: number;
  day: string;
  clock_suspect: number;
  answers: string | null;
  context: string;
  /** `context.path`, `context.locale` and `context.device` again, as plain columns for segment filters. */
  path: string;
  locale: string | null;
  device: string | null;
  /** `context.channel`, or `web` where the event named none (decisions/0012). */
  channel: Generated<string>;
  visitor_id: string;
  user_id: string | null;
  attributes: string | null;
  ip_hash: string | null;
  payload_hash: string;
}

/** The metric of each survey, from the config or learned from its first answer; fixed once recorded. */
export interface SurveysTable {
  site: string;
  survey_id: string;
  metric: string;
  points: number;
  source: string;
}

/**
 * The segment of an event, as the segment rollups key it: `context.device`, `context.locale`, `context.path` and
 * `context.channel`, with `''` for a device or locale the event did not carry (a primary key column cannot be
 * null) and `web` for a channel it did not name.
 */
export interface SegmentColumns {
  device: string;
  locale: string;
  path: string;
  channel: string;
}

/**
 * The winning value of each question of each response (completed, then later `at`, then larger event id), with the
 * winning event's survey, corrected time and segment, so a changed answer moves its count within the right segment.
 */
export interface ResponsesTable extends SegmentColumns {
  /** The segment-attribute values of the winning event, JSON text (`{"plan":"pro"}`); `{}` without any. */
  attrs: Generated<string>;
  site: string;
  response_id: string;
  question_id: string;
  touchpoint: string;
  survey_id: string;
  metric: string;
  points: number;
  value: number;
  completed: number;
  /** The client's `at` (the tie-break of the winning rule). */
  at_ms: number;
  corrected_at_ms: number;
  event_id: string;
  day: string;
}

/** The winning text of each open-text question of each response (the same rule as `responses`): the verbatims. */
export interface TextsTable extends SegmentColumns {
  site: string;
  response_id: string;
  question_id: string;
  touchpoint: string;
  survey_id: string;
  text: string;
  completed: number;
  at_ms: number;
  corrected_at_ms: number;
  event_id: string;
  day: string;
}

/** Each response counted once per display kind (shown, completed, dismissed) and group, in its event's segment. */
export interface DisplaysTable extends SegmentColumns {
  /** The segment-attribute values of the display's event, JSON text; `{}` without any. */
  attrs: Generated<string>;
  site: string;
  response_id: string;
  touchpoint: string;
  metric: string;
  points: number;
  type: string;
  day: string;
}

/** Counts per site × touchpoint × metric × CES points × day, kept current in the ingest transaction. */
export interface RollupsTable {
  site: string;
  touchpoint: string;
  metric: string;
  points: number;
  day: string;
  shown: number;
  completed: number;
  dismissed: number;
  v0: number;
  v1: number;
  v2: number;
  v3: number;
  v4: number;
  v5: number;
  v6: number;
  v7: number;
  v8: number;
  v9: number;
  v10: number;
}

/** The rollups again with the segment in the key: what a device, locale, path or channel filter reads. */
export interface SegmentRollupsTable extends RollupsTable, SegmentColumns {}

/** The rollups per segment attribute name × value (one attribute per row): what an `attr.<name>` filter reads. */
export interface AttributeRollupsTable extends RollupsTable {
  name: string;
  value: string;
}

/** The values kept per site × segment attribute (bounded; later values count as `(other)`). */
export interface AttributeValuesTable {
  site: string;
  name: string;
  value: string;
}

/** One follow-up item per response whose score is (or was) in a follow-up band. */
export interface InboxItemsTable {
  site: string;
  response_id: string;
  question_id: string;
  touchpoint: string;
  survey_id: string;
  metric: string;
  points: number;
  score: number;
  visitor_id: string;
  user_id: string | null;
  in_band: number;
  status: string;
  note: Generated<string>;
  assignee: Generated<string>;
  version: number;
  answered_at_ms: number;
  opened_at_ms: number;
  updated_at_ms: number;
  followed_up_at_ms: number | null;
}

/** Every change of an inbox item, with its time. */
export interface InboxHistoryTable {
  site: string;
  response_id: string;
  version: number;
  at_ms: number;
  kind: string;
  status: string;
  note: string;
  assignee: string;
  score: number;
}

/** Every survey × touchpoint a site has published; `retired_at_ms` set once removed or closed. */
export interface SurveyTouchpointsTable {
  site: string;
  survey_id: string;
  touchpoint: string;
  retired_at_ms: number | null;
}

/** Tombstones of erased visitors, users and responses: a hash of the id, never the erased content. */
export interface ErasuresTable {
  site: string;
  kind: string;
  id_hash: string;
  erased_at_ms: number;
}

/** Every version of every site's survey config; the highest number is the published one. */
export interface ConfigVersionsTable {
  site: string;
  number: number;
  /** The config's JSON text, as published. */
  config: string;
  author: string;
  note: string;
  source: string;
  restored_from: number | null;
  created_at_ms: number;
}

export interface Database {
  events: EventsTable;
  surveys: SurveysTable;
  responses: ResponsesTable;
  texts: TextsTable;
  displays: DisplaysTable;
  rollups: RollupsTable;
  segment_rollups: SegmentRollupsTable;
  attribute_rollups: AttributeRollupsTable;
  attribute_values: AttributeValuesTable;
  inbox_items: InboxItemsTable;
  inbox_history: InboxHistoryTable;
  survey_touchpoints: SurveyTouchpointsTable;
  erasures: ErasuresTable;
  config_versions: ConfigVersionsTable;
  alert_rules: AlertRulesTable;
  alert_outbox: AlertOutboxTable;
  alert_attempts: AlertAttemptsTable;
}

/** An alert rule of a site (migration 0005): where to send which answers, signed with `secret`. */
export interface AlertRulesTable {
  id: string;
  site: string;
  url: string;
  format: string;
  /** JSON array of touchpoint ids; null: every touchpoint. */
  touchpoints: string | null;
  /** JSON array of band names; null: every band. */
  bands: string | null;
  has_text: number;
  identified_only: number;
  instant: number;
  digest: number;
  secret: string;
  enabled: number;
  disabled_reason: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  digest_day: string | null;
}

/** One alert to deliver: `pending` until a 2xx (`delivered`), a final refusal or a day of retries (`failed`). */
export interface AlertOutboxTable {
  id: string;
  rule_id: string;
  site: string;
  kind: string;
  dedupe_key: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  created_at_ms: number;
  next_at_ms: number;
  lease_owner: string | null;
  lease_until_ms: number | null;
  delivered_at_ms: number | null;
  last_error: string | null;
}

/** One HTTP attempt of a delivery. */
export interface AlertAttemptsTable {
  seq: Generated<number>;
  delivery_id: string;
  rule_id: string;
  at_ms: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  worker: string;
}

/** The value columns of a rollup row: `v{value}` holds the answers with that value (NPS 0–10, CES/CSAT 1–7). */
export const VALUE_COLUMNS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10'] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** Reads a JSON column: text on SQLite, already parsed on PostgreSQL. */
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
