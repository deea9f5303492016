/**
 * The CSV exports: every response of a range (one row per response × score question, with its open-text answers),
 * and the summary (one row per touchpoint × metric, as the overview). Read from the store page by page and
 * streamed, so an export of any allowed range holds one page in memory.
 */
import { bandOf, type OverviewResponse, scaleOf } from '@touchpoint/core';
import { type CsvValue, csvLine } from '../report/csv';
import type { ScoreRow, Store } from '../store/store';
import { customerOf } from './customer';
import { addDays, dayStart } from './days';
import type { DayRange, MetricKind } from './results-params';
import type { OverviewQuery } from './results-service';

/** Responses read from the store per step of an export. */
export const EXPORT_PAGE = 1000;

export const RESPONSES_HEADER = [
  'response_id',
  'event_id',
  'at',
  'day',
  'touchpoint',
  'survey_id',
  'question_id',
  'metric',
  'scale_min',
  'scale_max',
  'score',
  'band',
  'text',
  'locale',
  'device',
  'path',
  'channel',
  'user_id',
  'attributes',
] as const;

export const SUMMARY_HEADER = [
  'touchpoint',
  'metric',
  'scale_min',
  'scale_max',
  'n',
  'score',
  'ci_low',
  'ci_high',
  'small_sample',
  'promoters',
  'passives',
  'detractors',
  'satisfied',
  'csat_mean',
  'ces_sd',
  'agree',
  'agree_percent',
  'shown',
  'completed',
  'dismissed',
  'response_rate',
  'dismiss_rate',
  'change',
  'change_significant',
] as const;

/** One CSV record; `user_id` and `attributes` (JSON, sensitive ones left out) only for identified visitors. */
function responseRecord(row: ScoreRow, sensitive: readonly string[]): CsvValue[] {
  const customer = customerOf(row, sensitive);
  const points = row.points === 0 ? 7 : row.points;
  const at = new Date(row.correctedAt).toISOString();
  const scale = scaleOf(row.metric, points);
  return [
    row.responseId,
    row.eventId,
    at,
    at.slice(0, 10),
    row.touchpoint,
    row.surveyId,
    row.questionId,
    row.metric,
    scale.min,
    scale.max,
    row.value,
    bandOf(row.metric, row.value, points),
    row.texts.join('\n'),
    row.locale,
    row.device,
    row.path,
    row.channel,
    customer?.userId ?? null,
    customer === undefined ? null : JSON.stringify(customer.attributes),
  ];
}

export interface ResponsesExportQuery extends DayRange {
  readonly segment: OverviewQuery['segment'];
  readonly touchpoint?: string | undefined;
  readonly kind?: MetricKind | undefined;
  /** The site's sensitive attributes: never written. */
  readonly sensitive?: readonly string[] | undefined;
}

/**
 * The responses CSV as a stream. The first page is read before the stream is made, so a database that fails
 * at once gets an error status instead of a cut-off file.
 */
export async function responsesCsv(
  store: Store,
  site: string,
  query: ResponsesExportQuery,
): Promise<ReadableStream<Uint8Array>> {
  const base = {
    site,
    fromMs: dayStart(query.from),
    toMs: dayStart(addDays(query.to, 1)),
    touchpoint: query.touchpoint,
    metric: query.kind?.metric,
    points: query.kind?.points,
    segment: query.segment,
    limit: EXPORT_PAGE,
  };
  const encoder = new TextEncoder();
  let page = await store.scores(base);
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = first ? csvLine(RESPONSES_HEADER) : '';
        first = false;
        for (const row of page) text += csvLine(responseRecord(row, query.sensitive ?? []));
        const last = page[page.length - 1];
        if (text !== '') controller.enqueue(encoder.encode(text));
        if (last === undefined || page.length < EXPORT_PAGE) {
          controller.close();
          return;
        }
        page = await store.scores({
          ...base,
          after: { correctedAt: last.correctedAt, responseId: last.responseId, questionId: last.questionId },
        });
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/** The summary CSV: the overview's rows, one per touchpoint × metric. */
export function summaryCsv(overview: OverviewResponse): string {
  let text = csvLine(SUMMARY_HEADER);
  for (const row of overview.rows) {
    text += csvLine([
      row.touchpoint,
      row.metric,
      row.scale.min,
      row.scale.max,
      row.n,
      row.score,
      row.ci?.low,
      row.ci?.high,
      row.smallSample,
      row.metric === 'nps' ? row.promoters : null,
      row.metric === 'nps' ? row.passives : null,
      row.metric === 'nps' ? row.detractors : null,
      row.metric === 'csat' ? row.satisfied : null,
      row.metric === 'csat' ? row.mean : null,
      row.metric === 'ces' ? row.sd : null,
      row.metric === 'ces' ? row.agree : null,
      row.metric === 'ces' ? row.agreePercent : null,
      row.shown,
      row.completed,
      row.dismissed,
      row.responseRate,
      row.dismissRate,
      row.change?.difference,
      row.change?.significant,
    ]);
  }
  return text;
}
