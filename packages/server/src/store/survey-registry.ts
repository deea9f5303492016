/**
 * The surveys a site has published, and the check of incoming events against them (issue 11, finding 2): a public
 * key can send answers, never create touchpoints or surveys. An event is refused, by path, when its survey was
 * never published by the site, when it names another touchpoint than the survey's, when an answer's metric (or CES
 * length) is not the survey's, or when the survey was removed or closed more than `SURVEY_GRACE_MS` ago.
 */
import type { Problem, WireEvent } from '@touchpoint/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './migrations';
import { pointsColumn } from './rollup';
import { type RegisterOptions, SURVEY_GRACE_MS, type SurveyKind } from './store';
import type { Database } from './tables';

type Db = Kysely<Database> | Transaction<Database>;

/** What the check needs of one survey of a site. */
interface Published {
  metric: string;
  points: number;
  /** Touchpoint → when it was retired (epoch ms), null while published. */
  touchpoints: Map<string, number | null>;
}

const CHUNK = 400;

/** When a survey × touchpoint of this registration stops being current: closed now, at its end, or never. */
function retiredAt(kind: SurveyKind, now: number): number | null {
  if (kind.enabled === false) return now;
  return kind.endsAt ?? null;
}

/** Records the survey × touchpoint pairs of a registration; with `complete`, retires the site's others. */
export async function recordTouchpoints(
  trx: Transaction<Database>,
  dialect: Dialect,
  site: string,
  surveys: readonly SurveyKind[],
  options: RegisterOptions,
): Promise<void> {
  const now = options.now ?? Date.now();
  const rows = surveys
    .filter((survey) => survey.touchpoint !== undefined)
    .map((survey) => ({
      site,
      survey_id: survey.surveyId,
      touchpoint: survey.touchpoint!,
      retired_at_ms: retiredAt(survey, now),
    }));
  const earlier = sql.raw(dialect === 'postgres' ? 'least' : 'min');
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('survey_touchpoints')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['site', 'survey_id', 'touchpoint']).doUpdateSet({
          // Published again: current. Closed again: keep the earliest close, so the grace period never restarts.
          retired_at_ms: sql<
            number | null
          >`case when excluded.retired_at_ms is null then null else coalesce(${earlier}(survey_touchpoints.retired_at_ms, excluded.retired_at_ms), excluded.retired_at_ms) end`,
        }),
      )
      .execute();
  }
  if (options.complete) {
    const current = new Set(rows.map((row) => `${row.survey_id}\u0000${row.touchpoint}`));
    const all = await trx
      .selectFrom('survey_touchpoints')
      .select(['survey_id', 'touchpoint'])
      .where('site', '=', site)
      .where('retired_at_ms', 'is', null)
      .execute();
    for (const row of all) {
      if (current.has(`${row.survey_id}\u0000${row.touchpoint}`)) continue;
      await trx
        .updateTable('survey_touchpoints')
        .set({ retired_at_ms: now })
        .where('site', '=', site)
        .where('survey_id', '=', row.survey_id)
        .where('touchpoint', '=', row.touchpoint)
        .execute();
    }
  }
}

/** The published surveys among `surveyIds` of a site. */
async function publishedSurveys(db: Db, site: string, surveyIds: readonly string[]) {
  const out = new Map<string, Published>();
  for (let i = 0; i < surveyIds.length; i += CHUNK) {
    const part = surveyIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('survey_touchpoints as t')
      .innerJoin('surveys as s', (join) =>
        join.onRef('s.site', '=', 't.site').onRef('s.survey_id', '=', 't.survey_id'),
      )
      .select(['t.survey_id', 't.touchpoint', 't.retired_at_ms', 's.metric', 's.points'])
      .where('t.site', '=', site)
      .where('t.survey_id', 'in', part)
      .execute();
    for (const row of rows) {
      let survey = out.get(row.survey_id);
      if (survey === undefined) {
        survey = { metric: row.metric, points: Number(row.points), touchpoints: new Map() };
        out.set(row.survey_id, survey);
      }
      survey.touchpoints.set(row.touchpoint, row.retired_at_ms === null ? null : Number(row.retired_at_ms));
    }
  }
  return out;
}

const problem = (path: string, expected: string, received: string, message: string): Problem => ({
  path,
  expected,
  received,
  message,
});

/** The published surveys a site's batches name, read once for all of them. */
export function readPublished(db: Db, site: string, events: readonly WireEvent[]) {
  return publishedSurveys(db, site, [...new Set(events.map((e) => e.surveyId))]);
}

/** The problems of a batch's events against the site's published surveys; empty when every event is fine. */
export function checkAgainstPublished(
  published: ReadonlyMap<string, Published>,
  events: readonly WireEvent[],
  receivedAt: number,
): Problem[] {
  const problems: Problem[] = [];
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    const survey = published.get(event.surveyId);
    if (survey === undefined) {
      problems.push(
        problem(
          `${at}.surveyId`,
          'a survey the site has published',
          JSON.stringify(event.surveyId),
          `The site has never published the survey ${JSON.stringify(event.surveyId)}.`,
        ),
      );
      return;
    }
    if (!survey.touchpoints.has(event.touchpoint)) {
      const known = [...survey.touchpoints.keys()].map((t) => JSON.stringify(t)).join(', ');
      problems.push(
        problem(
          `${at}.touchpoint`,
          known,
          JSON.stringify(event.touchpoint),
          `The survey ${JSON.stringify(event.surveyId)} is published at ${known}, not at ${JSON.stringify(event.touchpoint)}.`,
        ),
      );
      return;
    }
    const retired = survey.touchpoints.get(event.touchpoint);
    if (retired !== null && retired !== undefined && receivedAt > retired + SURVEY_GRACE_MS) {
      problems.push(
        problem(
          `${at}.surveyId`,
          'an open survey',
          JSON.stringify(event.surveyId),
          `The survey ${JSON.stringify(event.surveyId)} was closed or removed on ${new Date(retired).toISOString()}; its events were accepted for ${SURVEY_GRACE_MS / 86_400_000} days after.`,
        ),
      );
      return;
    }
    if (!('answers' in event)) return;
    event.answers.forEach((answer, j) => {
      if (answer.type === 'text') return;
      const points = pointsColumn(answer.type, answer.type === 'ces' ? answer.points : undefined);
      if (answer.type === survey.metric && points === survey.points) return;
      const expected =
        survey.metric === 'ces' ? `ces (${survey.points === 0 ? 7 : survey.points} points)` : survey.metric;
      problems.push(
        problem(
          `${at}.answers[${j}].type`,
          expected,
          answer.type === 'ces' ? `ces (${answer.points ?? 7} points)` : answer.type,
          `The survey ${JSON.stringify(event.surveyId)} asks ${expected}.`,
        ),
      );
    });
  });
  return problems;
}
