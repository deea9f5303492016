/**
 * The alerts part of the SQL store: rules, the outbox and delivery attempts (migration 0005), on SQLite and
 * PostgreSQL alike. `writeAnswerAlerts` runs inside the ingest transaction, so an acknowledged answer always has
 * its alert and a rolled-back one never does. Every method takes and returns plain data (the store may run in a
 * worker thread behind a proxy).
 */
import { randomUUID } from 'node:crypto';
import { DAY_MS, METRICS, type Metric, type WireEvent } from '@touchpoint/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { bandOfAnswer, ruleMatches } from '../alerts/alert-match';
import {
  type AnswerAlert,
  type AnswerFacts,
  answerAlert,
  DIGEST_WORST,
  type DigestAlert,
  type DigestCount,
  relativeScore,
} from '../alerts/alert-payload';
import { dayOf } from './event-row';
import type { Dialect } from './migrations';
import type { AnswerCandidate } from './rollup';
import type {
  AlertAttempt,
  AlertDelivery,
  AlertFormat,
  AlertKind,
  AlertRule,
  ClaimedDelivery,
  DeliveryStatus,
  Store,
} from './store';
import { type AlertOutboxTable, type AlertRulesTable, type Database, parseJson } from './tables';

type Trx = Transaction<Database>;

/**
 * An instant alert of an `answered` event (a score whose survey may still send its follow-up text) waits this long
 * for the `completed` event, which then replaces it: one alert, with the text. A `completed` answer is due at once.
 */
export const ANSWERED_HOLD_MS = 10_000;

const ruleOf = (row: Selectable<AlertRulesTable>): AlertRule => ({
  id: row.id,
  site: row.site,
  url: row.url,
  format: row.format as AlertFormat,
  touchpoints: (parseJson(row.touchpoints) as string[] | null) ?? null,
  bands: (parseJson(row.bands) as AlertRule['bands']) ?? null,
  hasText: row.has_text === 1,
  identifiedOnly: row.identified_only === 1,
  instant: row.instant === 1,
  digest: row.digest === 1,
  secret: row.secret,
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  createdAt: Number(row.created_at_ms),
  updatedAt: Number(row.updated_at_ms),
});

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const bit = (value: boolean) => (value ? 1 : 0);
const orNull = (value: string | null) => (value === '' || value === null ? null : value);
const isMetric = (value: string): value is Metric => (METRICS as readonly string[]).includes(value);

/** The instant alert's dedupe key: one per rule × response, whatever the response's answers do later. */
const answerKey = (ruleId: string, responseId: string) => `answer:${ruleId}:${responseId}`;

export interface FreshAnswers {
  /** Winning scores this transaction stored; `replaced`: the response × question had a winner before. */
  readonly winners: readonly (AnswerCandidate & { readonly replaced: boolean })[];
  /** The stored events of this transaction by id (the winners' events are among them). */
  readonly events: ReadonlyMap<string, WireEvent>;
  /** The write's receive time. */
  readonly now: number;
}

/**
 * Puts an instant alert in the outbox for every winning score that matches an enabled rule of its site. A
 * response has at most one instant alert per rule: a later winner (the completed event after the answered one, a
 * changed score) replaces a pending alert that no attempt has sent yet, cancels it when it no longer matches, and
 * sends nothing once the alert has gone. Returns the number of alerts queued or replaced.
 */
export async function writeAnswerAlerts(trx: Trx, fresh: FreshAnswers): Promise<number> {
  if (fresh.winners.length === 0) return 0;
  const sites = [...new Set(fresh.winners.map((w) => w.site))];
  const rules = (
    await trx
      .selectFrom('alert_rules')
      .selectAll()
      .where('site', 'in', sites)
      .where('enabled', '=', 1)
      .where('instant', '=', 1)
      .orderBy('id')
      .execute()
  ).map(ruleOf);
  if (rules.length === 0) return 0;

  const texts = new Map<string, string[]>();
  for (const site of sites) {
    const ids = [...new Set(fresh.winners.filter((w) => w.site === site).map((w) => w.responseId))];
    for (let i = 0; i < ids.length; i += 400) {
      const rows = await trx
        .selectFrom('texts')
        .select(['response_id', 'text'])
        .where('site', '=', site)
        .where('response_id', 'in', ids.slice(i, i + 400))
        .orderBy('response_id')
        .orderBy('question_id')
        .execute();
      for (const row of rows) {
        const key = `${site}\u0000${row.response_id}`;
        texts.set(key, [...(texts.get(key) ?? []), row.text]);
      }
    }
  }

  const rows: Omit<AlertOutboxTable, 'attempts'>[] = [];
  const cancel: string[] = [];
  for (const winner of fresh.winners) {
    const event = fresh.events.get(winner.eventId);
    const facts: AnswerFacts = {
      site: winner.site,
      responseId: winner.responseId,
      touchpoint: winner.touchpoint,
      surveyId: winner.surveyId,
      questionId: winner.questionId,
      metric: winner.metric,
      points: winner.points,
      value: winner.value,
      texts: texts.get(`${winner.site}\u0000${winner.responseId}`) ?? [],
      userId: event?.visitor.userId ?? null,
      attributes: (event?.visitor.attributes as Record<string, unknown> | undefined) ?? null,
      path: winner.path,
      locale: orNull(winner.locale),
      device: orNull(winner.device),
      correctedAt: winner.correctedAtMs,
    };
    for (const rule of rules) {
      if (rule.site !== winner.site) continue;
      const key = answerKey(rule.id, winner.responseId);
      if (!ruleMatches(rule, facts)) {
        if (winner.replaced) cancel.push(key);
        continue;
      }
      rows.push(
        pendingOutboxRow({
          ruleId: rule.id,
          site: rule.site,
          kind: 'answer',
          dedupeKey: key,
          payload: answerAlert(facts),
          now: fresh.now,
          nextAt: winner.completed ? fresh.now : fresh.now + ANSWERED_HOLD_MS,
        }),
      );
    }
  }

  // A response with two questions (or two winners in one write) keeps its first alert row per rule.
  const unique = new Map(rows.map((row) => [row.dedupe_key, row]));
  let written = 0;
  const untouched = sql`alert_outbox.status = 'pending' and alert_outbox.attempts = 0 and alert_outbox.lease_owner is null`;
  for (const row of unique.values()) {
    const result = await trx
      .insertInto('alert_outbox')
      .values({ ...row, payload: row.payload })
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .doUpdateSet((eb) => ({
            payload: eb.ref('excluded.payload'),
            next_at_ms: eb.ref('excluded.next_at_ms'),
          }))
          .where(untouched as never),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  for (let i = 0; i < cancel.length; i += 400) {
    await trx
      .updateTable('alert_outbox')
      .set({ status: 'cancelled', last_error: 'the answer changed and no longer matches the rule' })
      .where('dedupe_key', 'in', cancel.slice(i, i + 400))
      .where(untouched as never)
      .execute();
  }
  return written;
}

export interface AlertStoreOptions {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly transaction: <T>(what: string, work: (trx: Trx) => Promise<T>) => Promise<T>;
}

type AlertMethods = Pick<
  Store,
  | 'createAlertRule'
  | 'alertRules'
  | 'countAlertRules'
  | 'updateAlertRule'
  | 'deleteAlertRule'
  | 'enqueueAlert'
  | 'alertDeliveries'
  | 'resendAlertDelivery'
  | 'claimAlertDeliveries'
  | 'finishAlertAttempts'
  | 'queueAlertDigests'
  | 'nextAlertDue'
>;

/** A new outbox row, waiting for its first attempt at `nextAt`. */
function pendingOutboxRow(alert: {
  readonly ruleId: string;
  readonly site: string;
  readonly kind: string;
  readonly dedupeKey: string;
  readonly payload: unknown;
  readonly now: number;
  readonly nextAt?: number;
  readonly id?: string;
}): Omit<AlertOutboxTable, 'attempts'> {
  return {
    id: alert.id ?? randomUUID(),
    rule_id: alert.ruleId,
    site: alert.site,
    kind: alert.kind,
    dedupe_key: alert.dedupeKey,
    payload: JSON.stringify(alert.payload),
    status: 'pending',
    created_at_ms: alert.now,
    next_at_ms: alert.nextAt ?? alert.now,
    lease_owner: null,
    lease_until_ms: null,
    delivered_at_ms: null,
    last_error: null,
  };
}

/** Missed digest days queued after downtime, at most (the most recent ones). */
export const DIGEST_CATCH_UP_DAYS = 7;

/**
 * The days a digest rule is owed, oldest first, up to `yesterday`: from the day after its last digest (or the day
 * it was created), at most the last `DIGEST_CATCH_UP_DAYS` of them.
 */
export function digestDays(lastDay: string | null, createdAtMs: number, yesterday: string): string[] {
  const first = lastDay === null ? dayOf(createdAtMs) : dayOf(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS);
  const end = Date.parse(`${yesterday}T00:00:00Z`);
  const start = Math.max(Date.parse(`${first}T00:00:00Z`), end - (DIGEST_CATCH_UP_DAYS - 1) * DAY_MS);
  const days: string[] = [];
  for (let at = start; at <= end; at += DAY_MS) days.push(dayOf(at));
  return days;
}

export function createAlertStore({ db, dialect, transaction }: AlertStoreOptions): AlertMethods {
  /** The matching answers of one rule on one day, as a digest. */
  async function digestOf(trx: Trx, rule: AlertRule, day: string): Promise<DigestAlert> {
    const base = () => {
      let query = trx
        .selectFrom('responses as r')
        .innerJoin('events as e', (join) =>
          join.onRef('e.id', '=', 'r.event_id').onRef('e.site', '=', 'r.site'),
        )
        .where('r.site', '=', rule.site)
        .where('r.day', '=', day);
      if (rule.touchpoints !== null) query = query.where('r.touchpoint', 'in', [...rule.touchpoints]);
      if (rule.identifiedOnly) query = query.where('e.user_id', 'is not', null);
      if (rule.hasText) {
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('texts as t')
              .select('t.response_id')
              .whereRef('t.site', '=', 'r.site')
              .whereRef('t.response_id', '=', 'r.response_id')
              .where(sql<boolean>`trim(t.text) <> ''`),
          ),
        );
      }
      return query;
    };
    const grouped = await base()
      .select(['r.touchpoint', 'r.metric', 'r.points', 'r.value'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['r.touchpoint', 'r.metric', 'r.points', 'r.value'])
      .orderBy('r.touchpoint')
      .orderBy('r.metric')
      .orderBy('r.points')
      .execute();
    const counts = new Map<string, DigestCount>();
    let total = 0;
    for (const row of grouped) {
      if (!isMetric(row.metric)) continue;
      const points = row.points === 5 || row.points === 7 ? row.points : 0;
      const band = bandOfAnswer({ metric: row.metric, points, value: row.value });
      if (rule.bands !== null && !rule.bands.includes(band)) continue;
      const key = [row.touchpoint, row.metric, points, band].join('\u0000');
      const current = counts.get(key);
      const n = Number(row.n);
      total += n;
      counts.set(key, {
        touchpoint: row.touchpoint,
        metric: row.metric,
        ...(points === 0 ? {} : { points }),
        band,
        count: (current?.count ?? 0) + n,
      });
    }

    const candidates: AnswerFacts[] = [];
    for (const metric of METRICS) {
      const rows = await base()
        .select([
          'r.response_id',
          'r.question_id',
          'r.touchpoint',
          'r.survey_id',
          'r.metric',
          'r.points',
          'r.value',
          'r.corrected_at_ms',
          'r.path',
          'r.locale',
          'r.device',
          'e.user_id',
          'e.attributes',
        ])
        .where('r.metric', '=', metric)
        .orderBy('r.value')
        .orderBy('r.corrected_at_ms', 'desc')
        .limit(DIGEST_WORST * 10)
        .execute();
      for (const row of rows) {
        const points = row.points === 5 || row.points === 7 ? row.points : 0;
        if (rule.bands !== null && !rule.bands.includes(bandOfAnswer({ metric, points, value: row.value })))
          continue;
        candidates.push({
          site: rule.site,
          responseId: row.response_id,
          questionId: row.question_id,
          touchpoint: row.touchpoint,
          surveyId: row.survey_id,
          metric,
          points,
          value: row.value,
          texts: [],
          userId: row.user_id,
          attributes: (parseJson(row.attributes) as Record<string, unknown> | null) ?? null,
          path: row.path,
          locale: orNull(row.locale),
          device: orNull(row.device),
          correctedAt: Number(row.corrected_at_ms),
        });
      }
    }
    candidates.sort((a, b) => relativeScore(a) - relativeScore(b) || b.correctedAt - a.correctedAt);
    const worst = candidates.slice(0, DIGEST_WORST);
    const texts = new Map<string, string[]>();
    if (worst.length > 0) {
      const rows = await trx
        .selectFrom('texts')
        .select(['response_id', 'text'])
        .where('site', '=', rule.site)
        .where(
          'response_id',
          'in',
          worst.map((w) => w.responseId),
        )
        .orderBy('response_id')
        .orderBy('question_id')
        .execute();
      for (const row of rows) texts.set(row.response_id, [...(texts.get(row.response_id) ?? []), row.text]);
    }
    return {
      type: 'digest',
      site: rule.site,
      day,
      total,
      counts: [...counts.values()],
      worst: worst.map((facts) => {
        const {
          type: _,
          site: __,
          ...rest
        } = answerAlert({ ...facts, texts: texts.get(facts.responseId) ?? [] });
        return rest;
      }),
    };
  }

  /** The rules of a site, oldest first; with `id`, that rule only. */
  async function alertRules(site: string, id?: string): Promise<AlertRule[]> {
    let query = db.selectFrom('alert_rules').selectAll().where('site', '=', site);
    if (id !== undefined) query = query.where('id', '=', id);
    return (await query.orderBy('created_at_ms').orderBy('id').execute()).map(ruleOf);
  }

  function deliveryOf(row: Selectable<AlertOutboxTable>, attempts: AlertAttempt[]): AlertDelivery {
    return {
      id: row.id,
      ruleId: row.rule_id,
      site: row.site,
      kind: row.kind as AlertKind,
      status: row.status as DeliveryStatus,
      attempts: Number(row.attempts),
      createdAt: Number(row.created_at_ms),
      nextAt: Number(row.next_at_ms),
      deliveredAt: row.delivered_at_ms === null ? null : Number(row.delivered_at_ms),
      lastError: row.last_error,
      payload: parseJson(row.payload) as Record<string, unknown>,
      attemptLog: attempts,
    };
  }

  return {
    async createAlertRule(rule) {
      await db
        .insertInto('alert_rules')
        .values({
          id: rule.id,
          site: rule.site,
          url: rule.url,
          format: rule.format,
          touchpoints: json(rule.touchpoints),
          bands: json(rule.bands),
          has_text: bit(rule.hasText),
          identified_only: bit(rule.identifiedOnly),
          instant: bit(rule.instant),
          digest: bit(rule.digest),
          secret: rule.secret,
          enabled: bit(rule.enabled),
          disabled_reason: rule.disabledReason,
          created_at_ms: rule.createdAt,
          updated_at_ms: rule.updatedAt,
          digest_day: null,
        })
        .execute();
    },

    alertRules,

    async countAlertRules(site) {
      const row = await db
        .selectFrom('alert_rules')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site', '=', site)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async updateAlertRule(site, id, changes, now) {
      const set: Partial<Record<keyof AlertRulesTable, unknown>> = { updated_at_ms: now };
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.format !== undefined) set.format = changes.format;
      if (changes.touchpoints !== undefined) set.touchpoints = json(changes.touchpoints);
      if (changes.bands !== undefined) set.bands = json(changes.bands);
      if (changes.hasText !== undefined) set.has_text = bit(changes.hasText);
      if (changes.identifiedOnly !== undefined) set.identified_only = bit(changes.identifiedOnly);
      if (changes.instant !== undefined) set.instant = bit(changes.instant);
      if (changes.digest !== undefined) set.digest = bit(changes.digest);
      if (changes.enabled !== undefined) {
        set.enabled = bit(changes.enabled);
        set.disabled_reason = null;
      }
      const result = await db
        .updateTable('alert_rules')
        .set(set as never)
        .where('site', '=', site)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const [rule] = await alertRules(site, id);
      return rule;
    },

    deleteAlertRule(site, id, now) {
      return transaction('deleting an alert rule', async (trx) => {
        const result = await trx
          .deleteFrom('alert_rules')
          .where('site', '=', site)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx
          .updateTable('alert_outbox')
          .set({ status: 'cancelled', last_error: 'the rule was deleted', next_at_ms: now })
          .where('rule_id', '=', id)
          .where('status', '=', 'pending')
          .execute();
        return true;
      });
    },

    async enqueueAlert({ id, site, ruleId, kind, payload, now }) {
      const [rule] = await alertRules(site, ruleId);
      if (rule === undefined) return false;
      await db
        .insertInto('alert_outbox')
        .values(
          pendingOutboxRow({ id, ruleId, site, kind, dedupeKey: `${kind}:${ruleId}:${id}`, payload, now }),
        )
        .execute();
      return true;
    },

    async alertDeliveries(site, ruleId, limit) {
      const rows = await db
        .selectFrom('alert_outbox')
        .selectAll()
        .where('site', '=', site)
        .where('rule_id', '=', ruleId)
        .orderBy('created_at_ms', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const attempts = new Map<string, AlertAttempt[]>();
      if (rows.length > 0) {
        const found = await db
          .selectFrom('alert_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('seq')
          .execute();
        for (const a of found) {
          attempts.set(a.delivery_id, [
            ...(attempts.get(a.delivery_id) ?? []),
            {
              at: Number(a.at_ms),
              durationMs: Number(a.duration_ms),
              statusCode: a.status_code,
              error: a.error,
              worker: a.worker,
            },
          ]);
        }
      }
      return rows.map((row) => deliveryOf(row, attempts.get(row.id) ?? []));
    },

    async resendAlertDelivery(site, ruleId, deliveryId, now) {
      const result = await db
        .updateTable('alert_outbox')
        .set({
          status: 'pending',
          next_at_ms: now,
          lease_owner: null,
          lease_until_ms: null,
          created_at_ms: now,
        })
        .where('site', '=', site)
        .where('rule_id', '=', ruleId)
        .where('id', '=', deliveryId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async claimAlertDeliveries({ owner, now, leaseMs, limit }) {
      const lock = sql.raw(dialect === 'postgres' ? ' for update of o skip locked' : '');
      const claimed = await sql<Selectable<AlertOutboxTable>>`
        update alert_outbox set lease_owner = ${owner}, lease_until_ms = ${now + leaseMs}
        where id in (
          select o.id from alert_outbox o inner join alert_rules r on r.id = o.rule_id
          where o.status = 'pending' and o.next_at_ms <= ${now}
            and (o.lease_until_ms is null or o.lease_until_ms <= ${now}) and r.enabled = 1
          order by o.next_at_ms, o.id limit ${limit}${lock}
        )
        returning *`.execute(db);
      if (claimed.rows.length === 0) return [];
      const rules = new Map(
        (
          await db
            .selectFrom('alert_rules')
            .selectAll()
            .where('id', 'in', [...new Set(claimed.rows.map((row) => row.rule_id))])
            .execute()
        ).map((row) => [row.id, ruleOf(row)]),
      );
      const out: ClaimedDelivery[] = [];
      for (const row of claimed.rows) {
        const rule = rules.get(row.rule_id);
        if (rule === undefined) continue; // deleted between the two statements; its delivery was cancelled
        out.push({
          id: row.id,
          ruleId: row.rule_id,
          site: row.site,
          kind: row.kind as AlertKind,
          attempts: Number(row.attempts),
          createdAt: Number(row.created_at_ms),
          payload: parseJson(row.payload) as Record<string, unknown>,
          url: rule.url,
          format: rule.format,
          secret: rule.secret,
        });
      }
      return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },

    finishAlertAttempts(list) {
      if (list.length === 0) return Promise.resolve();
      return transaction('recording alert attempts', async (trx) => {
        const rules = new Map<string, string>();
        const ids = list.map((f) => f.id);
        for (let i = 0; i < ids.length; i += 400) {
          const rows = await trx
            .selectFrom('alert_outbox')
            .select(['id', 'rule_id'])
            .where('id', 'in', ids.slice(i, i + 400))
            .execute();
          for (const row of rows) rules.set(row.id, row.rule_id);
        }
        const known = list.filter((f) => rules.has(f.id));
        for (let i = 0; i < known.length; i += 400) {
          await trx
            .insertInto('alert_attempts')
            .values(
              known.slice(i, i + 400).map(({ id, attempt }) => ({
                delivery_id: id,
                rule_id: rules.get(id)!,
                at_ms: attempt.at,
                duration_ms: Math.round(attempt.durationMs),
                status_code: attempt.statusCode,
                error: attempt.error,
                worker: attempt.worker,
              })),
            )
            .execute();
        }
        for (const { id, owner, attempt, outcome, disableRule } of known) {
          // Only the lease holder changes the delivery: a worker whose lease was taken over just logs its attempt.
          await trx
            .updateTable('alert_outbox')
            .set((eb) => ({
              attempts: eb('attempts', '+', 1),
              status: outcome.status === 'retry' ? 'pending' : outcome.status,
              ...(outcome.status === 'retry' ? { next_at_ms: Math.round(outcome.nextAt) } : {}),
              ...(outcome.status === 'delivered'
                ? { delivered_at_ms: Math.round(attempt.at + attempt.durationMs) }
                : {}),
              last_error: outcome.status === 'delivered' ? null : attempt.error,
              lease_owner: null,
              lease_until_ms: null,
            }))
            .where('id', '=', id)
            .where('lease_owner', '=', owner)
            .where('status', '=', 'pending')
            .execute();
          if (disableRule !== undefined) {
            await trx
              .updateTable('alert_rules')
              .set({ enabled: 0, disabled_reason: disableRule, updated_at_ms: attempt.at })
              .where('id', '=', rules.get(id)!)
              .execute();
          }
        }
      });
    },

    async queueAlertDigests(now) {
      const yesterday = dayOf(now - DAY_MS);
      const startOfToday = Date.parse(`${dayOf(now)}T00:00:00Z`);
      const due = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('digest', '=', 1)
        .where('created_at_ms', '<', startOfToday)
        .where((eb) => eb.or([eb('digest_day', 'is', null), eb('digest_day', '<', yesterday)]))
        .execute();
      let queued = 0;
      for (const row of due) {
        const rule = ruleOf(row);
        queued += await transaction('queueing an alert digest', async (trx) => {
          // Whoever moves digest_day from the value it read queues the digests (another server updates nothing).
          const taken = await trx
            .updateTable('alert_rules')
            .set({ digest_day: yesterday })
            .where('id', '=', rule.id)
            .where((eb) =>
              row.digest_day === null ? eb('digest_day', 'is', null) : eb('digest_day', '=', row.digest_day),
            )
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) === 0) return 0;
          const days = digestDays(row.digest_day, Number(row.created_at_ms), yesterday);
          for (const day of days) {
            const digest = await digestOf(trx, rule, day);
            await trx
              .insertInto('alert_outbox')
              .values(
                pendingOutboxRow({
                  ruleId: rule.id,
                  site: rule.site,
                  kind: 'digest',
                  dedupeKey: `digest:${rule.id}:${day}`,
                  payload: digest,
                  now,
                }),
              )
              .onConflict((oc) => oc.column('dedupe_key').doNothing())
              .execute();
          }
          return days.length;
        });
      }
      return queued;
    },

    async nextAlertDue() {
      const row = await db
        .selectFrom('alert_outbox as o')
        .innerJoin('alert_rules as r', 'r.id', 'o.rule_id')
        .select(
          sql<number>`min(case when o.lease_until_ms > o.next_at_ms then o.lease_until_ms else o.next_at_ms end)`.as(
            'next',
          ),
        )
        .where('o.status', '=', 'pending')
        .where('r.enabled', '=', 1)
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? undefined : Number(row.next);
    },
  };
}

export type { AnswerAlert };
