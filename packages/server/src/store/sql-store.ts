/**
 * The one implementation of `Store`, over Kysely: every query here is the same SQL on SQLite and PostgreSQL.
 *
 * One ingest transaction inserts the events (unique on id, so a retried id is a duplicate and never a second row)
 * and keeps the rollups current: the winning value per response × question moves between rollup counts (plain,
 * and per device × locale × path × channel) as better events arrive, each response counts once per display kind, and the
 * winning open-text answers are kept for the verbatims. See `rollup.ts` for the rules. The readers serve the
 * results API: rollups over a range (summed over the matching segments when filtered), per segment value, and
 * keyset pages of winning scores and texts.
 */

import { createHash } from 'node:crypto';
import {
  type Answer,
  type Attributes,
  answerBeats,
  type CesPoints,
  CHANNELS,
  type Channel,
  DEFAULT_CHANNEL,
  MAX_EVENT_AGE_MS,
  METRICS,
  type Metric,
  OTHER_SEGMENT_VALUE,
  type Problem,
  SEGMENT_ATTRIBUTE_LIMITS,
  scaleOf,
  type WireEvent,
} from '@touchpoint/core';
import {
  type Expression,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { createAlertStore, writeAnswerAlerts } from './alert-store';
import { createBulkInsert } from './bulk-insert';
import { fromEventRow, toEventRow } from './event-row';
import {
  DEFAULT_THRESHOLDS,
  eraseInbox,
  eraseInboxIn,
  type InboxCandidate,
  plainHistory,
  plainItem,
  pruneInbox,
  updateInboxItem,
  updateInboxOnIngest,
} from './inbox-store';
import type { Dialect } from './migrations';
import {
  type AttributeValues,
  type DisplayType,
  pointsColumn,
  RollupDeltas,
  type RollupKey,
  type SegmentKey,
  type TextCandidate,
  valueColumn,
} from './rollup';
import { createSqlConfigVersions } from './sql-config-versions';
import {
  type AnswerPosition,
  type ErasureTarget,
  type IngestBatch,
  type IngestResult,
  type RollupQuery,
  type RollupRow,
  type ScoreRow,
  type SegmentFilter,
  type SegmentRollupRow,
  type Store,
  type StoredEvent,
  StoreUnavailableError,
  type SurveyKind,
  type TextRow,
} from './store';
import { checkAgainstPublished, readPublished, recordTouchpoints } from './survey-registry';
import {
  type Database,
  type DisplaysTable,
  type EventsTable,
  parseJson,
  type ResponsesTable,
  type RollupsTable,
  type TextsTable,
  VALUE_COLUMNS,
} from './tables';

/** Rows per multi-row statement: 400 events × 24 columns stays under both databases' parameter limits. */
const CHUNK = 400;

export interface SqlStoreOptions {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly location: string;
}

type Trx = Transaction<Database>;

interface FreshEvent extends SegmentKey {
  /** The event's segment-attribute values (bounded, see `resolveAttributes`). */
  readonly attrs: AttributeValues;
  readonly site: string;
  readonly event: WireEvent;
  readonly atMs: number;
  readonly correctedAtMs: number;
  readonly day: string;
}

interface DisplayRow extends Insertable<DisplaysTable> {
  readonly type: DisplayType;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isMetric = (value: string): value is Metric => (METRICS as readonly string[]).includes(value);
const asPoints = (value: number): 0 | CesPoints => (value === 5 || value === 7 ? value : 0);

/** The rollup group a stored row counts in; undefined for a row whose metric is not one of core's. */
function rollupKeyOf(row: {
  readonly site: string;
  readonly touchpoint: string;
  readonly metric: string;
  readonly points: number;
  readonly day: string;
  readonly device: string;
  readonly locale: string;
  readonly path: string;
  readonly channel: string;
  readonly attrs?: string;
}): RollupKey | undefined {
  if (!isMetric(row.metric)) return undefined;
  const { site, touchpoint, metric, day, device, locale, path, channel } = row;
  const attrs = row.attrs === undefined ? undefined : (JSON.parse(row.attrs) as AttributeValues);
  return {
    site,
    touchpoint,
    metric,
    points: asPoints(row.points),
    day,
    device,
    locale,
    path,
    channel,
    attrs,
  };
}
const surveyKey = (site: string, surveyId: string) => `${site}\u0000${surveyId}`;
const orNull = (value: string) => (value === '' ? null : value);
const asChannel = (value: string): Channel =>
  (CHANNELS as readonly string[]).includes(value) ? (value as Channel) : DEFAULT_CHANNEL;

/** The segment filter as a condition on the `device`, `locale`, `path` and `channel` columns of `table`. */
function segmentCondition(
  table: string,
  segment: SegmentFilter | undefined,
): Expression<SqlBool> | undefined {
  const parts: Expression<SqlBool>[] = [];
  const column = (name: string) => sql.ref(`${table}.${name}`);
  if (segment?.device !== undefined) parts.push(sql<SqlBool>`${column('device')} = ${segment.device}`);
  if (segment?.path !== undefined) parts.push(sql<SqlBool>`${column('path')} = ${segment.path}`);
  if (segment?.channel !== undefined) parts.push(sql<SqlBool>`${column('channel')} = ${segment.channel}`);
  if (segment?.locale !== undefined) {
    const locale = segment.locale.toLowerCase();
    parts.push(
      sql<SqlBool>`(lower(${column('locale')}) = ${locale} or lower(${column('locale')}) like ${`${locale}-%`})`,
    );
  }
  if (parts.length === 0) return undefined;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * The attribute filter as a condition on the `attrs` JSON text of a `responses` row: the exact `"name":"value"`
 * pair (both JSON-encoded, so no value can match another's pair), found with `instr` / `strpos`.
 */
function attributeCondition(
  dialect: Dialect,
  table: string,
  segment: SegmentFilter | undefined,
): Expression<SqlBool> | undefined {
  const wanted = segment?.attribute;
  if (wanted === undefined) return undefined;
  const needle = `${JSON.stringify(wanted.name)}:${JSON.stringify(wanted.value)}`;
  const find = sql.raw(dialect === 'postgres' ? 'strpos' : 'instr');
  return sql<SqlBool>`${find}(${sql.ref(`${table}.attrs`)}, ${needle}) > 0`;
}

/** Rows after (or before) a page position in the order corrected time, response id, question id. */
function positionCondition(table: string, direction: '<' | '>', after: AnswerPosition): Expression<SqlBool> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  return sql<SqlBool>`(${column('corrected_at_ms')}, ${column('response_id')}, ${column('question_id')}) ${sql.raw(direction)} (${after.correctedAt}, ${after.responseId}, ${after.questionId})`;
}

/** The winning event's visitor, as the answer readers join it from the events table. */
interface VisitorColumns {
  readonly user_id: string | null;
  readonly attributes: unknown;
  readonly visitor_id: string | null;
}

/** The stored fields every answer row has, with `''` segments read back as null. */
function answerFields(row: (Selectable<ResponsesTable> | Selectable<TextsTable>) & VisitorColumns) {
  return {
    userId: row.user_id,
    attributes: row.attributes === null ? null : (parseJson(row.attributes) as Attributes),
    visitorId: row.visitor_id ?? '',
    responseId: row.response_id,
    questionId: row.question_id,
    eventId: row.event_id,
    touchpoint: row.touchpoint,
    surveyId: row.survey_id,
    correctedAt: Number(row.corrected_at_ms),
    device: orNull(row.device),
    locale: orNull(row.locale),
    path: row.path,
    channel: asChannel(row.channel),
  };
}

/** The count columns of a rollup row. */
const COUNT_COLUMNS = ['shown', 'completed', 'dismissed', ...VALUE_COLUMNS] as const;

const hasSegment = (segment: SegmentFilter | undefined) =>
  segment !== undefined &&
  (segment.device !== undefined ||
    segment.locale !== undefined ||
    segment.path !== undefined ||
    segment.channel !== undefined);

/** Adds `value` to the set under `key`, creating the set on first use. */
function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

/** Tombstones outlive an erasure by twice the longest a collector holds an event: no queued copy can come later. */
export const TOMBSTONE_MS = 2 * MAX_EVENT_AGE_MS;

/** The tombstone of an erased id: a hash, so the erased id itself is not kept. */
const tombstone = (kind: string, id: string) =>
  createHash('sha256').update(`${kind}\u0000${id}`).digest('base64url').slice(0, 32);

/** The ids of an event an erasure can target, as tombstones. */
function tombstonesOf(event: WireEvent): string[] {
  const out = [tombstone('visitor', event.visitor.id), tombstone('response', event.responseId)];
  if (event.visitor.userId !== undefined) out.push(tombstone('user', event.visitor.userId));
  return out;
}

export function createSqlStore({ db, dialect, location }: SqlStoreOptions): Store {
  const bulk = createBulkInsert(dialect);
  /** On PostgreSQL several server processes may write: one writer per site at a time keeps the rollups exact. */
  async function lockSites(trx: Trx, sites: Iterable<string>): Promise<void> {
    if (dialect !== 'postgres') return;
    for (const site of [...new Set(sites)].sort()) {
      await sql`select pg_advisory_xact_lock(hashtext(${`touchpoint:${site}`}))`.execute(trx);
    }
  }

  async function transaction<T>(what: string, work: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreUnavailableError(`[touchpoint] ${what} failed: ${reason}`, { cause: error });
    }
  }

  async function surveyKinds(
    trx: Trx,
    wanted: Map<string, Set<string>>,
  ): Promise<Map<string, { metric: Metric; points: 0 | CesPoints }>> {
    const kinds = new Map<string, { metric: Metric; points: 0 | CesPoints }>();
    for (const [site, ids] of wanted) {
      for (const part of chunks([...ids])) {
        const rows = await trx
          .selectFrom('surveys')
          .select(['survey_id', 'metric', 'points'])
          .where('site', '=', site)
          .where('survey_id', 'in', part)
          .execute();
        for (const row of rows) {
          if (isMetric(row.metric)) {
            kinds.set(surveyKey(site, row.survey_id), { metric: row.metric, points: asPoints(row.points) });
          }
        }
      }
    }
    return kinds;
  }

  /** Records survey metrics not recorded yet; returns the keys it recorded. */
  async function recordSurveys(
    trx: Trx,
    rows: { site: string; survey_id: string; metric: Metric; points: number; source: string }[],
  ): Promise<Set<string>> {
    const recorded = new Set<string>();
    for (const part of chunks(rows)) {
      const inserted = await trx
        .insertInto('surveys')
        .values(part)
        .onConflict((oc) => oc.columns(['site', 'survey_id']).doNothing())
        .returning(['site', 'survey_id'])
        .execute();
      for (const row of inserted) recorded.add(surveyKey(row.site, row.survey_id));
    }
    return recorded;
  }

  /** The display rows of already stored events of surveys whose metric was just recorded. */
  async function backfillDisplays(
    trx: Trx,
    recorded: Iterable<string>,
    kinds: Map<string, { metric: Metric; points: 0 | CesPoints }>,
  ): Promise<DisplayRow[]> {
    const rows: DisplayRow[] = [];
    for (const key of recorded) {
      const [site = '', surveyId = ''] = key.split('\u0000');
      const kind = kinds.get(key);
      if (kind === undefined) continue;
      const events = await trx
        .selectFrom('events')
        .select(['touchpoint', 'response_id', 'type', 'day', 'device', 'locale', 'path', 'channel'])
        .where('site', '=', site)
        .where('survey_id', '=', surveyId)
        .where('type', 'in', ['shown', 'completed', 'dismissed'])
        .orderBy('seq')
        .execute();
      for (const event of events) {
        rows.push({
          site,
          response_id: event.response_id,
          touchpoint: event.touchpoint,
          metric: kind.metric,
          points: kind.points,
          type: event.type as DisplayType,
          day: event.day,
          device: event.device ?? '',
          locale: event.locale ?? '',
          path: event.path,
          // Displays counted late (their survey's metric became known after they were stored) are in no
          // attribute segment (decision 0011).
          attrs: '{}',
          channel: event.channel,
        });
      }
    }
    return rows;
  }

  /** Counts each response once per display kind and group. */
  async function countDisplays(trx: Trx, rows: DisplayRow[], deltas: RollupDeltas): Promise<void> {
    const unique = new Map<string, DisplayRow>();
    for (const row of rows) {
      const key = [row.site, row.response_id, row.touchpoint, row.metric, row.points, row.type].join(
        '\u0000',
      );
      if (!unique.has(key)) unique.set(key, row);
    }
    const inserted = await bulk.run(trx, 'displays', [...unique.values()], (part) =>
      trx
        .insertInto('displays')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['site', 'response_id', 'touchpoint', 'metric', 'points', 'type']).doNothing(),
        )
        .returning([
          'site',
          'touchpoint',
          'metric',
          'points',
          'type',
          'day',
          'device',
          'locale',
          'path',
          'attrs',
          'channel',
        ]),
    );
    for (const row of inserted) {
      const key = rollupKeyOf(row);
      if (key !== undefined) deltas.add(key, row.type as DisplayType, 1);
    }
  }

  /** The candidates of fresh events that win within the transaction, per site × response × question. */
  function freshWinners(fresh: readonly FreshEvent[]) {
    const scores = new Map<string, InboxCandidate>();
    const texts = new Map<string, TextCandidate>();
    for (const { site, event, atMs, correctedAtMs, day, device, locale, path, channel, attrs } of fresh) {
      if (event.type !== 'answered' && event.type !== 'completed') continue;
      const common = {
        attrs,
        visitorId: event.visitor.id,
        userId: event.visitor.userId ?? null,
        site,
        responseId: event.responseId,
        touchpoint: event.touchpoint,
        surveyId: event.surveyId,
        completed: event.type === 'completed',
        atMs,
        correctedAtMs,
        eventId: event.id,
        day,
        device,
        locale,
        path,
        channel,
      };
      for (const answer of event.answers) {
        const key = [site, event.responseId, answer.questionId].join('\u0000');
        if (answer.type === 'text') {
          const candidate: TextCandidate = { ...common, questionId: answer.questionId, text: answer.value };
          const current = texts.get(key);
          if (current === undefined || answerBeats(candidate, current)) texts.set(key, candidate);
          continue;
        }
        const candidate: InboxCandidate = {
          ...common,
          questionId: answer.questionId,
          metric: answer.type,
          points: pointsColumn(answer.type, answer.type === 'ces' ? answer.points : undefined),
          value: answer.value,
        };
        const current = scores.get(key);
        if (current === undefined || answerBeats(candidate, current)) scores.set(key, candidate);
      }
    }
    return { scores, texts };
  }

  /** The stored winning answers of the responses of `candidates`, by site × response × question. */
  async function storedWinners(
    trx: Trx,
    candidates: Iterable<{ site: string; responseId: string }>,
  ): Promise<Map<string, Selectable<ResponsesTable>>> {
    const responseIds = new Map<string, Set<string>>();
    for (const candidate of candidates) addTo(responseIds, candidate.site, candidate.responseId);
    const stored = new Map<string, Selectable<ResponsesTable>>();
    for (const [site, ids] of responseIds) {
      for (const part of chunks([...ids])) {
        const rows = await trx
          .selectFrom('responses')
          .selectAll()
          .where('site', '=', site)
          .where('response_id', 'in', part)
          .execute();
        for (const row of rows) stored.set([row.site, row.response_id, row.question_id].join('\u0000'), row);
      }
    }
    return stored;
  }

  const contender = (row: { completed: number; at_ms: number; event_id: string }) => ({
    completed: row.completed === 1,
    atMs: Number(row.at_ms),
    eventId: row.event_id,
  });

  /** Moves answer counts to the values that now win, and keeps the winning texts (the verbatims). */
  async function countAnswers(
    trx: Trx,
    fresh: readonly FreshEvent[],
    deltas: RollupDeltas,
  ): Promise<(InboxCandidate & { replaced: boolean })[]> {
    const { scores, texts } = freshWinners(fresh);
    const won: (InboxCandidate & { replaced: boolean })[] = [];

    if (scores.size > 0) {
      const stored = await storedWinners(trx, scores.values());
      const winners: Insertable<ResponsesTable>[] = [];
      for (const [key, candidate] of scores) {
        const row = stored.get(key);
        if (row !== undefined && !answerBeats(candidate, contender(row))) continue;
        won.push({ ...candidate, replaced: row !== undefined });
        const old = row === undefined ? undefined : rollupKeyOf(row);
        deltas.replaceAnswer(
          old === undefined || row === undefined ? undefined : { key: old, value: row.value },
          {
            key: candidate,
            value: candidate.value,
          },
        );
        winners.push({
          site: candidate.site,
          response_id: candidate.responseId,
          question_id: candidate.questionId,
          touchpoint: candidate.touchpoint,
          survey_id: candidate.surveyId,
          metric: candidate.metric,
          points: candidate.points,
          value: candidate.value,
          completed: candidate.completed ? 1 : 0,
          at_ms: candidate.atMs,
          corrected_at_ms: candidate.correctedAtMs,
          event_id: candidate.eventId,
          day: candidate.day,
          device: candidate.device,
          locale: candidate.locale,
          path: candidate.path,
          attrs: JSON.stringify(candidate.attrs),
          channel: candidate.channel,
        });
      }
      await bulk.run(trx, 'responses', winners, (part) =>
        trx
          .insertInto('responses')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['site', 'response_id', 'question_id']).doUpdateSet((eb) => ({
              touchpoint: eb.ref('excluded.touchpoint'),
              survey_id: eb.ref('excluded.survey_id'),
              metric: eb.ref('excluded.metric'),
              points: eb.ref('excluded.points'),
              value: eb.ref('excluded.value'),
              completed: eb.ref('excluded.completed'),
              at_ms: eb.ref('excluded.at_ms'),
              corrected_at_ms: eb.ref('excluded.corrected_at_ms'),
              event_id: eb.ref('excluded.event_id'),
              day: eb.ref('excluded.day'),
              device: eb.ref('excluded.device'),
              locale: eb.ref('excluded.locale'),
              path: eb.ref('excluded.path'),
              attrs: eb.ref('excluded.attrs'),
              channel: eb.ref('excluded.channel'),
            })),
          ),
      );
    }

    // Texts move no counts, so the winning rule runs in the upsert itself (one statement, no read first):
    // completed, then the later `at`, then the larger event id, compared byte by byte as JavaScript compares.
    const winners: Insertable<TextsTable>[] = [...texts.values()].map((candidate) => ({
      site: candidate.site,
      response_id: candidate.responseId,
      question_id: candidate.questionId,
      touchpoint: candidate.touchpoint,
      survey_id: candidate.surveyId,
      text: candidate.text,
      completed: candidate.completed ? 1 : 0,
      at_ms: candidate.atMs,
      corrected_at_ms: candidate.correctedAtMs,
      event_id: candidate.eventId,
      day: candidate.day,
      device: candidate.device,
      locale: candidate.locale,
      path: candidate.path,
      channel: candidate.channel,
    }));
    const bytes = sql.raw(dialect === 'postgres' ? ' collate "C"' : '');
    await bulk.run(trx, 'texts', winners, (part) =>
      trx
        .insertInto('texts')
        .values(part)
        .onConflict((oc) =>
          oc
            .columns(['site', 'response_id', 'question_id'])
            .doUpdateSet((eb) => ({
              touchpoint: eb.ref('excluded.touchpoint'),
              survey_id: eb.ref('excluded.survey_id'),
              text: eb.ref('excluded.text'),
              completed: eb.ref('excluded.completed'),
              at_ms: eb.ref('excluded.at_ms'),
              corrected_at_ms: eb.ref('excluded.corrected_at_ms'),
              event_id: eb.ref('excluded.event_id'),
              day: eb.ref('excluded.day'),
              device: eb.ref('excluded.device'),
              locale: eb.ref('excluded.locale'),
              path: eb.ref('excluded.path'),
              channel: eb.ref('excluded.channel'),
            }))
            .where(
              sql<SqlBool>`excluded.completed > texts.completed or (excluded.completed = texts.completed and (excluded.at_ms > texts.at_ms or (excluded.at_ms = texts.at_ms and excluded.event_id${bytes} > texts.event_id${bytes})))`,
            ),
        ),
    );
    return won;
  }

  /** Adds the deltas to the plain rollups and to the segment rollups. */
  async function writeRollups(trx: Trx, deltas: RollupDeltas): Promise<void> {
    const counts = (changes: Map<string, number>) => ({
      shown: changes.get('shown') ?? 0,
      completed: changes.get('completed') ?? 0,
      dismissed: changes.get('dismissed') ?? 0,
      ...(Object.fromEntries(VALUE_COLUMNS.map((column) => [column, changes.get(column) ?? 0])) as Record<
        (typeof VALUE_COLUMNS)[number],
        number
      >),
    });
    const group = (key: RollupKey) => ({
      site: key.site,
      touchpoint: key.touchpoint,
      metric: key.metric,
      points: key.points,
      day: key.day,
    });
    const plain = deltas
      .rows('plain')
      .map(({ key, deltas: changes }) => ({ ...group(key), ...counts(changes) }));
    const segmented = deltas.rows('segmented').map(({ key, deltas: changes }) => ({
      ...group(key),
      device: key.device,
      locale: key.locale,
      path: key.path,
      channel: key.channel,
      ...counts(changes),
    }));
    const attributed = deltas.attributeRows().map(({ key, deltas: changes }) => ({
      ...group(key),
      name: key.name,
      value: key.value,
      ...counts(changes),
    }));
    const keys = ['site', 'day', 'touchpoint', 'metric', 'points'] as const;
    for (const [table, rows, conflict] of [
      ['rollups', plain, keys],
      ['segment_rollups', segmented, [...keys, 'device', 'locale', 'path', 'channel']],
      ['attribute_rollups', attributed, ['site', 'name', 'value', 'day', 'touchpoint', 'metric', 'points']],
    ] as const) {
      await bulk.run(trx, table, rows, (part) =>
        trx
          .insertInto(table as 'rollups')
          .values(part)
          .onConflict((oc) =>
            oc.columns([...conflict] as (typeof keys)[number][]).doUpdateSet(() => {
              const add = (column: 'shown' | 'completed' | 'dismissed' | (typeof VALUE_COLUMNS)[number]) =>
                sql<number>`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
              return {
                shown: add('shown'),
                completed: add('completed'),
                dismissed: add('dismissed'),
                v0: add('v0'),
                v1: add('v1'),
                v2: add('v2'),
                v3: add('v3'),
                v4: add('v4'),
                v5: add('v5'),
                v6: add('v6'),
                v7: add('v7'),
                v8: add('v8'),
                v9: add('v9'),
                v10: add('v10'),
              };
            }),
          ),
      );
    }
  }

  /** Rollup work for events stored by this transaction; returns the scores that now win. */
  async function countFresh(
    trx: Trx,
    fresh: readonly FreshEvent[],
  ): Promise<(InboxCandidate & { replaced: boolean })[]> {
    const deltas = new RollupDeltas();
    const wanted = new Map<string, Set<string>>();
    for (const { site, event } of fresh) {
      addTo(wanted, site, event.surveyId);
    }
    const kinds = await surveyKinds(trx, wanted);

    // A survey nobody configured takes the metric of its first answer.
    const learned = new Map<
      string,
      { site: string; survey_id: string; metric: Metric; points: number; source: string }
    >();
    for (const { site, event } of fresh) {
      if (event.type !== 'answered' && event.type !== 'completed') continue;
      const key = surveyKey(site, event.surveyId);
      if (kinds.has(key) || learned.has(key)) continue;
      const answer = event.answers.find((a) => a.type !== 'text');
      if (answer === undefined) continue;
      const points = pointsColumn(answer.type, answer.type === 'ces' ? answer.points : undefined);
      learned.set(key, { site, survey_id: event.surveyId, metric: answer.type, points, source: 'answers' });
    }
    let recorded = new Set<string>();
    if (learned.size > 0) {
      recorded = await recordSurveys(trx, [...learned.values()]);
      const again = new Map<string, Set<string>>();
      for (const row of learned.values()) {
        addTo(again, row.site, row.survey_id);
      }
      for (const [key, kind] of await surveyKinds(trx, again)) kinds.set(key, kind);
    }

    const won = await countAnswers(trx, fresh, deltas);

    const displays: DisplayRow[] = [];
    for (const { site, event, day, device, locale, path, channel, attrs } of fresh) {
      if (event.type === 'answered') continue;
      const key = surveyKey(site, event.surveyId);
      if (recorded.has(key)) continue; // the backfill below reads these from the events table
      const kind = kinds.get(key);
      if (kind === undefined) continue; // counted once the survey's metric is known
      displays.push({
        site,
        response_id: event.responseId,
        touchpoint: event.touchpoint,
        metric: kind.metric,
        points: kind.points,
        type: event.type,
        day,
        device,
        locale,
        path,
        channel,
        attrs: JSON.stringify(attrs),
      });
    }
    displays.push(...(await backfillDisplays(trx, recorded, kinds)));
    await countDisplays(trx, displays, deltas);
    await writeRollups(trx, deltas);
    return won;
  }

  /**
   * The segment-attribute values of each event: for every name of its site's `segmentAttributes`, the value as
   * text (`''` when the visitor has none). A site keeps at most `valuesPerAttribute` values per attribute (the first
   * ones seen, in `attribute_values`); a further value, or one longer than `valueLength`, is `(other)`.
   */
  async function resolveAttributes(
    trx: Trx,
    items: readonly { site: string; names: readonly string[]; attributes: Attributes | undefined }[],
  ): Promise<AttributeValues[]> {
    const wanted = new Map<string, Set<string>>(); // site \0 name → values
    const raw = items.map(({ site, names, attributes }) => {
      const out: Record<string, string> = {};
      for (const name of names) {
        const given = attributes?.[name];
        let value = given === undefined ? '' : String(given);
        if (value.length > SEGMENT_ATTRIBUTE_LIMITS.valueLength) value = OTHER_SEGMENT_VALUE;
        out[name] = value;
        if (value !== '' && value !== OTHER_SEGMENT_VALUE) addTo(wanted, `${site}\u0000${name}`, value);
      }
      return out;
    });
    const kept = new Map<string, Set<string>>();
    for (const [key, values] of wanted) {
      const [site = '', name = ''] = key.split('\u0000');
      const known = new Set(
        (
          await trx
            .selectFrom('attribute_values')
            .select('value')
            .where('site', '=', site)
            .where('name', '=', name)
            .execute()
        ).map((row) => row.value),
      );
      const fresh = [...values].filter((value) => !known.has(value)).sort();
      const room = Math.max(0, SEGMENT_ATTRIBUTE_LIMITS.valuesPerAttribute - known.size);
      const added = fresh.slice(0, room);
      for (const part of chunks(added)) {
        await trx
          .insertInto('attribute_values')
          .values(part.map((value) => ({ site, name, value })))
          .onConflict((oc) => oc.columns(['site', 'name', 'value']).doNothing())
          .execute();
      }
      kept.set(key, new Set([...known, ...added]));
    }
    return raw.map((values, i) => {
      const site = items[i]!.site;
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        out[name] =
          value === '' || value === OTHER_SEGMENT_VALUE || kept.get(`${site}\u0000${name}`)?.has(value)
            ? value
            : OTHER_SEGMENT_VALUE;
      }
      return out;
    });
  }

  /** Batches refused by the survey check, by index, with their problems (one registry read per site). */
  async function refusedBatches(trx: Trx, batches: readonly IngestBatch[]): Promise<Map<number, Problem[]>> {
    const refused = new Map<number, Problem[]>();
    const checked = batches.filter((item) => item.checkSurveys);
    for (const site of new Set(checked.map((item) => item.site))) {
      const events = checked.filter((item) => item.site === site).flatMap((item) => item.batch.events);
      const published = await readPublished(trx, site, events);
      for (const [index, item] of batches.entries()) {
        if (!item.checkSurveys || item.site !== site) continue;
        const problems = checkAgainstPublished(published, item.batch.events, item.receivedAt);
        if (problems.length > 0) refused.set(index, problems);
      }
    }
    return refused;
  }

  /** The events of erased visitors, users or responses, by site × event id. */
  async function erasedEvents(trx: Trx, batches: readonly IngestBatch[]): Promise<Set<string>> {
    const erased = new Set<string>();
    const sites = [...new Set(batches.map((b) => b.site))];
    const any = await trx
      .selectFrom('erasures')
      .select('site')
      .where('site', 'in', sites)
      .limit(1)
      .executeTakeFirst();
    if (any === undefined) return erased;
    for (const site of sites) {
      const events = batches.filter((b) => b.site === site).flatMap((b) => b.batch.events);
      const hashes = new Map<string, string[]>();
      for (const event of events) {
        for (const hash of tombstonesOf(event)) hashes.set(hash, [...(hashes.get(hash) ?? []), event.id]);
      }
      for (const part of chunks([...hashes.keys()])) {
        const found = await trx
          .selectFrom('erasures')
          .select('id_hash')
          .where('site', '=', site)
          .where('id_hash', 'in', part)
          .execute();
        for (const { id_hash } of found) {
          for (const id of hashes.get(id_hash) ?? []) erased.add(`${site}\u0000${id}`);
        }
      }
    }
    return erased;
  }

  async function writeBatches(trx: Trx, all: readonly IngestBatch[]): Promise<IngestResult[]> {
    const refused = await refusedBatches(trx, all);
    const batches = refused.size === 0 ? all : all.filter((_, index) => !refused.has(index));
    const written = await writeChecked(trx, batches);
    let next = 0;
    return all.map((_, index) => {
      const problems = refused.get(index);
      if (problems !== undefined) return { stored: 0, duplicates: 0, conflicts: [], refused: problems };
      return written[next++]!;
    });
  }

  /**
   * Inserts the events rows of a write (unique per site × id: a stored id is skipped); returns the site × id keys
   * it inserted. The ingest transaction's per-event writes are separate functions called from `writeChecked`:
   * this one, `countFresh` (answers, displays, then `writeRollups`) and `writeAnswerAlerts`.
   */
  async function insertEvents(trx: Trx, rows: readonly Insertable<EventsTable>[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    const result = await bulk.run(trx, 'events', rows, (part) =>
      trx
        .insertInto('events')
        .values(part)
        .onConflict((oc) => oc.columns(['site', 'id']).doNothing())
        .returning(['site', 'id']),
    );
    for (const { site, id } of result) inserted.add(`${site}\u0000${id}`);
    return inserted;
  }

  async function writeChecked(trx: Trx, batches: readonly IngestBatch[]): Promise<IngestResult[]> {
    if (batches.length === 0) return [];
    const erased = await erasedEvents(trx, batches);
    const erasedPerBatch = batches.map(() => 0);
    const rows: Insertable<EventsTable>[] = [];
    const events: WireEvent[] = [];
    const owners: number[] = [];
    const firstById = new Map<string, number>();
    const repeats: { batch: number; key: string; hash: string }[] = [];
    const idKey = (site: string, id: string) => `${site}\u0000${id}`;
    batches.forEach((item, index) => {
      const sentAtMs = Date.parse(item.batch.sentAt);
      for (const event of item.batch.events) {
        const row = toEventRow(item.site, event, sentAtMs, item.receivedAt, item.ipHash ?? null);
        const key = idKey(item.site, event.id);
        if (erased.has(key)) {
          erasedPerBatch[index]! += 1;
          continue;
        }
        if (firstById.has(key)) {
          repeats.push({ batch: index, key, hash: row.payload_hash });
          continue;
        }
        firstById.set(key, rows.length);
        rows.push(row);
        events.push(event);
        owners.push(index);
      }
    });

    const inserted = await insertEvents(trx, rows);

    // Duplicates of rows stored earlier: compare payloads, to report a reused id with another payload.
    const storedHashes = new Map<string, string>();
    const known = new Map<string, Set<string>>();
    for (const row of rows) if (!inserted.has(idKey(row.site, row.id))) addTo(known, row.site, row.id);
    for (const [site, ids] of known) {
      for (const part of chunks([...ids])) {
        const found = await trx
          .selectFrom('events')
          .select(['id', 'payload_hash'])
          .where('site', '=', site)
          .where('id', 'in', part)
          .execute();
        for (const row of found) storedHashes.set(idKey(site, row.id), row.payload_hash);
      }
    }

    const results = batches.map(() => ({ stored: 0, conflicts: [] as string[] }));
    rows.forEach((row, i) => {
      const result = results[owners[i]!]!;
      const key = idKey(row.site, row.id);
      if (inserted.has(key)) result.stored += 1;
      else if (storedHashes.get(key) !== row.payload_hash) result.conflicts.push(row.id);
    });
    for (const repeat of repeats) {
      const first = rows[firstById.get(repeat.key)!]!;
      const reference = inserted.has(repeat.key) ? first.payload_hash : storedHashes.get(repeat.key);
      if (reference !== repeat.hash) results[repeat.batch]!.conflicts.push(first.id);
    }

    const stored = rows.flatMap((row, i) => (inserted.has(idKey(row.site, row.id)) ? [i] : []));
    // Only events stored now spend the bounded attribute values (a duplicate counted the first time).
    const attrsOf = await resolveAttributes(
      trx,
      stored.map((i) => ({
        site: rows[i]!.site,
        names: batches[owners[i]!]!.segmentAttributes ?? [],
        attributes: events[i]!.visitor.attributes,
      })),
    );
    const fresh: FreshEvent[] = stored.map((i, n) => {
      const row = rows[i]!;
      return {
        attrs: attrsOf[n] ?? {},
        site: row.site,
        event: events[i]!,
        atMs: row.at_ms,
        correctedAtMs: row.corrected_at_ms,
        day: row.day,
        device: row.device ?? '',
        locale: row.locale ?? '',
        path: row.path,
        channel: row.channel ?? DEFAULT_CHANNEL,
      };
    });
    const won = await countFresh(trx, fresh);
    const now = Math.max(...batches.map((b) => b.receivedAt));
    // The follow-up inbox items of the answers that now win (decision 0011), in this same transaction.
    const thresholds = new Map(batches.map((item) => [item.site, item.followUp ?? DEFAULT_THRESHOLDS]));
    await updateInboxOnIngest(trx, won, (site) => thresholds.get(site) ?? DEFAULT_THRESHOLDS, now);
    // The alerts of the answers that now win, in this same transaction (an acknowledged answer has its alert).
    const alerts = await writeAnswerAlerts(trx, {
      winners: won,
      events: new Map(fresh.map(({ event }) => [event.id, event])),
      now,
    });

    return batches.map((item, index) => {
      const result = results[index]!;
      const erasedHere = erasedPerBatch[index]!;
      return {
        stored: result.stored,
        duplicates: item.batch.events.length - result.stored,
        conflicts: result.conflicts,
        ...(erasedHere > 0 ? { erased: erasedHere } : {}),
        ...(alerts > 0 ? { alerts } : {}),
      };
    });
  }

  /**
   * Takes the counts of some responses out of the rollups, deletes their winning answers, texts and display rows,
   * then counts what is left of their events again, as if those had just arrived: every result afterwards equals
   * core's summary of the remaining events.
   */
  async function recountResponses(trx: Trx, site: string, responseIds: readonly string[]): Promise<void> {
    const deltas = new RollupDeltas();
    // The segment attributes each response was counted under, to count what is left under the same names.
    const names = new Map<string, Set<string>>();
    const remember = (row: { response_id: string; attrs: string }) => {
      for (const name of Object.keys(parseJson(row.attrs) as AttributeValues))
        addTo(names, row.response_id, name);
    };
    for (const part of chunks(responseIds)) {
      const answers = await trx
        .selectFrom('responses')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', 'in', part)
        .execute();
      for (const row of answers) {
        remember(row);
        const key = rollupKeyOf(row);
        if (key !== undefined) deltas.add(key, valueColumn(row.value), -1);
      }
      const displays = await trx
        .selectFrom('displays')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', 'in', part)
        .execute();
      for (const row of displays) {
        remember(row);
        const key = rollupKeyOf(row);
        if (key !== undefined) deltas.add(key, row.type as DisplayType, -1);
      }
      for (const table of ['responses', 'texts', 'displays'] as const) {
        await trx.deleteFrom(table).where('site', '=', site).where('response_id', 'in', part).execute();
      }
    }
    await writeRollups(trx, deltas);

    const left: { row: Selectable<EventsTable>; event: WireEvent; correctedAt: number }[] = [];
    for (const part of chunks(responseIds)) {
      const rows = await trx
        .selectFrom('events')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', 'in', part)
        .orderBy('seq')
        .execute();
      for (const row of rows) {
        const stored = fromEventRow(row);
        left.push({ row, event: stored.event, correctedAt: stored.correctedAt });
      }
    }
    const attrsOf = await resolveAttributes(
      trx,
      left.map(({ event }) => ({
        site,
        names: [...(names.get(event.responseId) ?? [])],
        attributes: event.visitor.attributes,
      })),
    );
    const fresh: FreshEvent[] = left.map(({ row, event, correctedAt }, i) => ({
      attrs: attrsOf[i] ?? {},
      site,
      event,
      atMs: Number(row.at_ms),
      correctedAtMs: correctedAt,
      day: row.day,
      device: row.device ?? '',
      locale: row.locale ?? '',
      path: row.path,
      channel: asChannel(row.channel),
    }));
    if (fresh.length > 0) await countFresh(trx, fresh);
  }

  /** Grouped segment sums as segment rows: the counts of each group and its segment value (null when none). */
  function segmentRowsOf(rows: readonly (object & { segment: string })[]): SegmentRollupRow[] {
    const out: SegmentRollupRow[] = [];
    for (const row of rows) {
      const rollup = toRollupRow({ ...row, day: '' } as unknown as Selectable<RollupsTable>);
      if (rollup === undefined) continue;
      const { day: _, ...counts } = rollup;
      out.push({ ...counts, segment: orNull(row.segment) });
    }
    return out;
  }

  function toRollupRow(row: Selectable<RollupsTable>): RollupRow | undefined {
    if (!isMetric(row.metric)) return undefined;
    const points = asPoints(row.points);
    const scale = scaleOf(row.metric, points === 0 ? 7 : points);
    const counts: number[] = [];
    for (let value = scale.min; value <= scale.max; value++) counts.push(Number(row[VALUE_COLUMNS[value]!]));
    return {
      site: row.site,
      touchpoint: row.touchpoint,
      metric: row.metric,
      points,
      day: row.day,
      counts,
      shown: Number(row.shown),
      completed: Number(row.completed),
      dismissed: Number(row.dismissed),
    };
  }

  return {
    dialect,
    location,
    ...createSqlConfigVersions({ db, dialect, transaction }),

    async recordedSurveys(site) {
      const rows = await db
        .selectFrom('surveys')
        .select(['survey_id', 'metric', 'points'])
        .where('site', '=', site)
        .orderBy('survey_id')
        .execute();
      const kinds: SurveyKind[] = [];
      for (const row of rows) {
        if (!isMetric(row.metric)) continue;
        const points = asPoints(row.points);
        kinds.push(
          row.metric === 'ces' && points !== 0
            ? { surveyId: row.survey_id, metric: 'ces', points }
            : { surveyId: row.survey_id, metric: row.metric },
        );
      }
      return kinds;
    },
    ...createAlertStore({ db, dialect, transaction }),

    ingest(batches) {
      if (batches.length === 0) return Promise.resolve([]);
      return transaction('storing events', async (trx) => {
        await lockSites(
          trx,
          batches.map((b) => b.site),
        );
        return writeBatches(trx, batches);
      });
    },

    registerSurveys(site, surveys, options = {}) {
      return transaction('recording survey metrics', async (trx) => {
        await lockSites(trx, [site]);
        await recordTouchpoints(trx, dialect, site, surveys, options);
        const rows = surveys.map((survey) => ({
          site,
          survey_id: survey.surveyId,
          metric: survey.metric,
          points: pointsColumn(survey.metric, survey.points),
          source: 'config',
        }));
        const recorded = rows.length === 0 ? new Set<string>() : await recordSurveys(trx, rows);
        const kinds = await surveyKinds(trx, new Map([[site, new Set(surveys.map((s) => s.surveyId))]]));
        const deltas = new RollupDeltas();
        await countDisplays(trx, await backfillDisplays(trx, recorded, kinds), deltas);
        await writeRollups(trx, deltas);
        const mismatched: SurveyKind[] = [];
        for (const survey of surveys) {
          const kind = kinds.get(surveyKey(site, survey.surveyId));
          if (
            kind !== undefined &&
            (kind.metric !== survey.metric || kind.points !== pointsColumn(survey.metric, survey.points))
          ) {
            mismatched.push(
              kind.metric === 'ces' && kind.points !== 0
                ? { surveyId: survey.surveyId, metric: kind.metric, points: kind.points }
                : { surveyId: survey.surveyId, metric: kind.metric },
            );
          }
        }
        return mismatched;
      });
    },

    erase(site, target: ErasureTarget, now = Date.now()) {
      const [kind, column, id] =
        'visitorId' in target
          ? (['visitor', 'visitor_id', target.visitorId] as const)
          : 'userId' in target
            ? (['user', 'user_id', target.userId] as const)
            : (['response', 'response_id', target.responseId] as const);
      return transaction('erasing events', async (trx) => {
        await lockSites(trx, [site]);
        const found = await trx
          .selectFrom('events')
          .select('response_id')
          .distinct()
          .where('site', '=', site)
          .where(column, '=', id)
          .execute();
        const deleted = await trx
          .deleteFrom('events')
          .where('site', '=', site)
          .where(column, '=', id)
          .execute();
        const responseIds = found.map((row) => row.response_id);
        await recountResponses(trx, site, responseIds);
        // The follow-up items of those responses and of the person go with them (decision 0011).
        await eraseInboxIn(trx, site, target, responseIds);
        await trx
          .insertInto('erasures')
          .values({ site, kind, id_hash: tombstone(kind, id), erased_at_ms: now })
          .onConflict((oc) => oc.columns(['site', 'kind', 'id_hash']).doUpdateSet({ erased_at_ms: now }))
          .execute();
        return {
          events: deleted.reduce((n, result) => n + Number(result.numDeletedRows), 0),
          responses: responseIds.length,
        };
      });
    },

    prune(site, beforeDay, now = Date.now()) {
      return transaction('pruning old events', async (trx) => {
        await lockSites(trx, [site]);
        const count = (results: { numDeletedRows: bigint }[]) =>
          results.reduce((n, result) => n + Number(result.numDeletedRows), 0);
        const events = count(
          await trx.deleteFrom('events').where('site', '=', site).where('day', '<', beforeDay).execute(),
        );
        const texts = count(
          await trx.deleteFrom('texts').where('site', '=', site).where('day', '<', beforeDay).execute(),
        );
        for (const table of ['responses', 'displays'] as const) {
          await trx.deleteFrom(table).where('site', '=', site).where('day', '<', beforeDay).execute();
        }
        const inboxItems = await pruneInbox(trx, site, Date.parse(`${beforeDay}T00:00:00.000Z`));
        const tombstones = count(
          await trx
            .deleteFrom('erasures')
            .where('site', '=', site)
            .where('erased_at_ms', '<', now - TOMBSTONE_MS)
            .execute(),
        );
        return { events, texts, tombstones, inboxItems };
      });
    },

    async rollups({ site, from, to, touchpoint, segment }: RollupQuery) {
      if (segment?.attribute !== undefined) {
        let query = db
          .selectFrom('attribute_rollups')
          .selectAll()
          .where('site', '=', site)
          .where('name', '=', segment.attribute.name)
          .where('value', '=', segment.attribute.value);
        if (from !== undefined) query = query.where('day', '>=', from);
        if (to !== undefined) query = query.where('day', '<=', to);
        if (touchpoint !== undefined) query = query.where('touchpoint', '=', touchpoint);
        const rows = await query
          .orderBy('day')
          .orderBy('touchpoint')
          .orderBy('metric')
          .orderBy('points')
          .execute();
        return rows.map(toRollupRow).filter((row): row is RollupRow => row !== undefined);
      }
      if (!hasSegment(segment)) {
        let query = db.selectFrom('rollups').selectAll().where('site', '=', site);
        if (from !== undefined) query = query.where('day', '>=', from);
        if (to !== undefined) query = query.where('day', '<=', to);
        if (touchpoint !== undefined) query = query.where('touchpoint', '=', touchpoint);
        const rows = await query
          .orderBy('day')
          .orderBy('touchpoint')
          .orderBy('metric')
          .orderBy('points')
          .execute();
        return rows.map(toRollupRow).filter((row): row is RollupRow => row !== undefined);
      }
      let query = db
        .selectFrom('segment_rollups as r')
        .select(['r.site', 'r.day', 'r.touchpoint', 'r.metric', 'r.points'])
        .select((eb) => COUNT_COLUMNS.map((column) => eb.fn.sum<number>(`r.${column}`).as(column)))
        .where('r.site', '=', site)
        .where(segmentCondition('r', segment)!);
      if (from !== undefined) query = query.where('r.day', '>=', from);
      if (to !== undefined) query = query.where('r.day', '<=', to);
      if (touchpoint !== undefined) query = query.where('r.touchpoint', '=', touchpoint);
      const rows = await query
        .groupBy(['r.site', 'r.day', 'r.touchpoint', 'r.metric', 'r.points'])
        .orderBy('r.day')
        .orderBy('r.touchpoint')
        .orderBy('r.metric')
        .orderBy('r.points')
        .execute();
      return rows
        .map((row) => toRollupRow(row as unknown as Selectable<RollupsTable>))
        .filter((row): row is RollupRow => row !== undefined);
    },

    async segmentRollups({ site, from, to, touchpoint, segment, by }) {
      if (by.startsWith('attr.')) {
        let query = db
          .selectFrom('attribute_rollups as r')
          .select(['r.site', 'r.touchpoint', 'r.metric', 'r.points', 'r.value as segment'])
          .select((eb) => COUNT_COLUMNS.map((column) => eb.fn.sum<number>(`r.${column}`).as(column)))
          .where('r.site', '=', site)
          .where('r.name', '=', by.slice('attr.'.length));
        if (from !== undefined) query = query.where('r.day', '>=', from);
        if (to !== undefined) query = query.where('r.day', '<=', to);
        if (touchpoint !== undefined) query = query.where('r.touchpoint', '=', touchpoint);
        const rows = await query
          .groupBy(['r.site', 'r.touchpoint', 'r.metric', 'r.points', 'r.value'])
          .orderBy('r.touchpoint')
          .orderBy('segment')
          .execute();
        return segmentRowsOf(rows);
      }
      const dimension = by as 'device' | 'locale' | 'path';
      let query = db
        .selectFrom('segment_rollups as r')
        .select(['r.site', 'r.touchpoint', 'r.metric', 'r.points', `r.${dimension} as segment`])
        .select((eb) => COUNT_COLUMNS.map((column) => eb.fn.sum<number>(`r.${column}`).as(column)))
        .where('r.site', '=', site);
      const condition = segmentCondition('r', segment);
      if (condition !== undefined) query = query.where(condition);
      if (from !== undefined) query = query.where('r.day', '>=', from);
      if (to !== undefined) query = query.where('r.day', '<=', to);
      if (touchpoint !== undefined) query = query.where('r.touchpoint', '=', touchpoint);
      const rows = await query
        .groupBy(['r.site', 'r.touchpoint', 'r.metric', 'r.points', `r.${dimension}`])
        .orderBy('r.touchpoint')
        .orderBy('segment')
        .execute();
      return segmentRowsOf(rows);
    },

    async scores({ site, fromMs, toMs, touchpoint, metric, points, segment, limit, after }) {
      let query = db
        .selectFrom('responses as r')
        .leftJoin('events as e', (join) =>
          join.onRef('e.site', '=', 'r.site').onRef('e.id', '=', 'r.event_id'),
        )
        .selectAll('r')
        .select(['e.user_id', 'e.attributes', 'e.visitor_id'])
        .where('r.site', '=', site)
        .where('r.corrected_at_ms', '>=', fromMs)
        .where('r.corrected_at_ms', '<', toMs);
      if (touchpoint !== undefined) query = query.where('r.touchpoint', '=', touchpoint);
      if (metric !== undefined) query = query.where('r.metric', '=', metric);
      if (points !== undefined) query = query.where('r.points', '=', points);
      const condition = segmentCondition('r', segment);
      if (condition !== undefined) query = query.where(condition);
      const attribute = attributeCondition(dialect, 'r', segment);
      if (attribute !== undefined) query = query.where(attribute);
      if (after !== undefined) query = query.where(positionCondition('r', '>', after));
      const rows = await query
        .orderBy('r.corrected_at_ms')
        .orderBy('r.response_id')
        .orderBy('r.question_id')
        .limit(limit)
        .execute();
      const texts = new Map<string, string[]>();
      for (const part of chunks([...new Set(rows.map((row) => row.response_id))])) {
        const found = await db
          .selectFrom('texts')
          .select(['response_id', 'text'])
          .where('site', '=', site)
          .where('response_id', 'in', part)
          .orderBy('response_id')
          .orderBy('question_id')
          .execute();
        for (const row of found)
          texts.set(row.response_id, [...(texts.get(row.response_id) ?? []), row.text]);
      }
      const out: ScoreRow[] = [];
      for (const row of rows) {
        if (!isMetric(row.metric)) continue;
        out.push({
          ...answerFields(row),
          metric: row.metric,
          points: asPoints(row.points),
          value: row.value,
          texts: texts.get(row.response_id) ?? [],
        });
      }
      return out;
    },

    async texts({ site, fromMs, toMs, touchpoint, segment, limit, after, scores }) {
      let query = db
        .selectFrom('texts as t')
        .innerJoin('responses as r', (join) =>
          join.onRef('r.site', '=', 't.site').onRef('r.response_id', '=', 't.response_id'),
        )
        .leftJoin('events as e', (join) =>
          join.onRef('e.site', '=', 't.site').onRef('e.id', '=', 't.event_id'),
        )
        .selectAll('t')
        .select(['r.metric', 'r.points', 'r.value', 'e.user_id', 'e.attributes', 'e.visitor_id'])
        .where('t.site', '=', site)
        .where('t.corrected_at_ms', '>=', fromMs)
        .where('t.corrected_at_ms', '<', toMs);
      if (touchpoint !== undefined) query = query.where('t.touchpoint', '=', touchpoint);
      if (scores !== undefined) {
        const wanted = scores.filter((score) => score.values === undefined || score.values.length > 0);
        if (wanted.length === 0) return [];
        query = query.where((eb) =>
          eb.or(
            wanted.map((score) =>
              eb.and([
                eb('r.metric', '=', score.metric),
                eb('r.points', '=', score.points),
                ...(score.values === undefined ? [] : [eb('r.value', 'in', [...score.values])]),
              ]),
            ),
          ),
        );
      }
      const condition = segmentCondition('t', segment);
      if (condition !== undefined) query = query.where(condition);
      const attribute = attributeCondition(dialect, 'r', segment);
      if (attribute !== undefined) query = query.where(attribute);
      if (after !== undefined) query = query.where(positionCondition('t', '<', after));
      const rows = await query
        .orderBy('t.corrected_at_ms', 'desc')
        .orderBy('t.response_id', 'desc')
        .orderBy('t.question_id', 'desc')
        .limit(limit)
        .execute();
      const out: TextRow[] = [];
      for (const row of rows) {
        if (!isMetric(row.metric)) continue;
        out.push({
          ...answerFields(row),
          text: row.text,
          metric: row.metric,
          points: asPoints(row.points),
          score: row.value,
        });
      }
      return out;
    },

    async responseAnswers(site, responseId) {
      const scores = await db
        .selectFrom('responses')
        .select(['question_id', 'metric', 'points', 'value'])
        .where('site', '=', site)
        .where('response_id', '=', responseId)
        .orderBy('question_id')
        .execute();
      const texts = await db
        .selectFrom('texts')
        .select(['question_id', 'text'])
        .where('site', '=', site)
        .where('response_id', '=', responseId)
        .orderBy('question_id')
        .execute();
      const out: Answer[] = [];
      for (const row of scores) {
        if (row.metric === 'ces') {
          out.push({
            questionId: row.question_id,
            type: 'ces',
            value: row.value,
            points: row.points === 5 ? 5 : 7,
          });
        } else if (row.metric === 'nps' || row.metric === 'csat') {
          out.push({ questionId: row.question_id, type: row.metric, value: row.value });
        }
      }
      for (const row of texts) out.push({ questionId: row.question_id, type: 'text', value: row.text });
      return out;
    },

    async attributeValues(site) {
      const rows = await db
        .selectFrom('attribute_values')
        .select(['name', 'value'])
        .where('site', '=', site)
        .orderBy('name')
        .orderBy('value')
        .execute();
      return rows.map(({ name, value }) => ({ name, value }));
    },

    async responseRows(site, responseId) {
      const scoreRows = await db
        .selectFrom('responses as r')
        .leftJoin('events as e', (join) =>
          join.onRef('e.site', '=', 'r.site').onRef('e.id', '=', 'r.event_id'),
        )
        .selectAll('r')
        .select(['e.user_id', 'e.attributes', 'e.visitor_id'])
        .where('r.site', '=', site)
        .where('r.response_id', '=', responseId)
        .orderBy('r.question_id')
        .execute();
      const textRows = await db
        .selectFrom('texts as t')
        .leftJoin('events as e', (join) =>
          join.onRef('e.site', '=', 't.site').onRef('e.id', '=', 't.event_id'),
        )
        .selectAll('t')
        .select(['e.user_id', 'e.attributes', 'e.visitor_id'])
        .where('t.site', '=', site)
        .where('t.response_id', '=', responseId)
        .orderBy('t.question_id')
        .execute();
      const scores: ScoreRow[] = [];
      for (const row of scoreRows) {
        if (!isMetric(row.metric)) continue;
        scores.push({
          ...answerFields(row),
          metric: row.metric,
          points: asPoints(row.points),
          value: row.value,
          texts: textRows.map((t) => t.text),
        });
      }
      const texts = textRows.map((row) => ({ ...answerFields(row), text: row.text }));
      return { scores, texts };
    },

    async inboxItems({ site, fromMs, toMs, status, touchpoint, limit, after }) {
      let query = db
        .selectFrom('inbox_items')
        .selectAll()
        .where('site', '=', site)
        .where('answered_at_ms', '>=', fromMs)
        .where('answered_at_ms', '<', toMs);
      if (status !== undefined) query = query.where('status', '=', status);
      if (touchpoint !== undefined) query = query.where('touchpoint', '=', touchpoint);
      if (after !== undefined) {
        query = query.where(
          sql<SqlBool>`(answered_at_ms, response_id) < (${after.answeredAt}, ${after.responseId})`,
        );
      }
      const rows = await query
        .orderBy('answered_at_ms', 'desc')
        .orderBy('response_id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(plainItem);
    },

    async inboxSummaryRows({ site, fromMs, toMs, touchpoint }) {
      let query = db
        .selectFrom('inbox_items')
        .selectAll()
        .where('site', '=', site)
        .where('answered_at_ms', '>=', fromMs)
        .where('answered_at_ms', '<', toMs);
      if (touchpoint !== undefined) query = query.where('touchpoint', '=', touchpoint);
      return (await query.execute()).map(plainItem);
    },

    async inboxItem(site, responseId) {
      const item = await db
        .selectFrom('inbox_items')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', '=', responseId)
        .executeTakeFirst();
      if (item === undefined) return null;
      const history = await db
        .selectFrom('inbox_history')
        .selectAll()
        .where('site', '=', site)
        .where('response_id', '=', responseId)
        .orderBy('version')
        .execute();
      return { item: plainItem(item), history: history.map(plainHistory) };
    },

    updateInbox(site, responseId, change, expectedVersion, now) {
      return transaction('updating an inbox item', async (trx) => {
        await lockSites(trx, [site]);
        return updateInboxItem(trx, site, responseId, change, expectedVersion, now);
      });
    },

    eraseInbox(site, who) {
      return eraseInbox(db, site, who);
    },

    async customerScores({ site, fromMs, toMs, userIds, visitorId, attribute, limit }) {
      let query = db
        .selectFrom('responses as r')
        .innerJoin('events as e', (join) =>
          join.onRef('e.site', '=', 'r.site').onRef('e.id', '=', 'r.event_id'),
        )
        .selectAll('r')
        .select(['e.user_id', 'e.attributes', 'e.visitor_id'])
        .where('r.site', '=', site);
      if (visitorId !== undefined) query = query.where('e.visitor_id', '=', visitorId);
      else query = query.where('e.user_id', 'is not', null);
      if (userIds !== undefined)
        query = query.where('e.user_id', 'in', userIds.length === 0 ? [''] : [...userIds]);
      if (fromMs !== undefined) query = query.where('r.corrected_at_ms', '>=', fromMs);
      if (toMs !== undefined) query = query.where('r.corrected_at_ms', '<', toMs);
      const inSegment = attributeCondition(dialect, 'r', attribute === undefined ? undefined : { attribute });
      if (inSegment !== undefined) query = query.where(inSegment);
      const rows = await query
        .orderBy('r.corrected_at_ms')
        .orderBy('r.response_id')
        .orderBy('r.question_id')
        .limit(limit)
        .execute();
      const out: ScoreRow[] = [];
      for (const row of rows) {
        if (!isMetric(row.metric)) continue;
        out.push({
          ...answerFields(row),
          metric: row.metric,
          points: asPoints(row.points),
          value: row.value,
          texts: [],
        });
      }
      return out;
    },

    async events(site, options = {}): Promise<StoredEvent[]> {
      let query = db.selectFrom('events').selectAll().where('site', '=', site).orderBy('seq');
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.execute()).map(fromEventRow);
    },

    async countEvents(site) {
      let query = db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'));
      if (site !== undefined) query = query.where('site', '=', site);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await db.destroy();
    },
  };
}
