/**
 * The results API contract (v1): what the reference server answers and the marketers' dashboard reads.
 * Types only, so server and dashboard agree at compile time.
 *
 * Every endpoint is a GET under `/v1/results/`, authorised by the site's secret results key in an
 * `Authorization: Bearer sk_…` header (never in the URL). The key identifies the site; the public site key
 * (`pk_…`) can never read results (401). Days are UTC calendar days, `YYYY-MM-DD`, both ends inclusive.
 * Every endpoint also accepts the segment filters of `ResultsFilter` (`device`, `locale`, `path`, `channel`); `metric`
 * with `points` (5 or 7, CES only; default 7) picks one metric where a touchpoint has several.
 * Errors use the wire contract's `ErrorBody`.
 */
import type { Device } from '../config/devices';
import type { Band, Metric, Scale } from '../questions/metric';
import type { Comparison } from '../scoring/compare';
import type { Interval } from '../scoring/intervals';
import type { DisplayCounts, TouchpointSummary } from '../scoring/summarize-events';
import type { ScoreSummary } from '../scoring/summarize-tally';
import type { Channel } from '../wire/channels';

/** Query parameters every results endpoint accepts. */
export interface ResultsFilter {
  /** First day, inclusive. */
  readonly from: string;
  /** Last day, inclusive. */
  readonly to: string;
  readonly device?: Device;
  /** Language tag; `nl` also matches `nl-BE`. */
  readonly locale?: string;
  /** Page path, exact. */
  readonly path?: string;
  /** Where the survey was answered (`web` includes every event that names no channel). */
  readonly channel?: Channel;
}

/** One point of a trend: a day or an ISO week (starting Monday). */
export interface TrendPoint {
  /** First day of the bucket. */
  readonly start: string;
  readonly n: number;
  readonly score: number | null;
  readonly ci: Interval | null;
  readonly smallSample: boolean;
}

/** `GET /v1/results/overview?from&to[&device&locale&path]`: every touchpoint side by side. */
export interface OverviewResponse {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly OverviewRow[];
}

export type OverviewRow = TouchpointSummary & {
  /** Weekly points over the range, for the sparkline. */
  readonly trend: readonly TrendPoint[];
  /** This range against the range of equal length just before it; null when either has no answers. */
  readonly change: Comparison | null;
};

/** `GET /v1/results/trend?touchpoint&metric[&points]&interval=day|week&from&to[&filters]` */
export interface TrendResponse {
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly scale: Scale;
  readonly interval: 'day' | 'week';
  readonly points: readonly TrendPoint[];
}

/** One side of a comparison: a touchpoint over a range. */
export type ComparedSide = ScoreSummary & {
  readonly touchpoint: string;
  readonly from: string;
  readonly to: string;
};

/**
 * `GET /v1/results/compare?metric[&points]&a.touchpoint&a.from&a.to&b.touchpoint&b.from&b.to[&device&locale&path]`:
 * two periods of one touchpoint, or two touchpoints, within the same segment.
 */
export interface CompareResponse {
  readonly a: ComparedSide;
  readonly b: ComparedSide;
  readonly comparison: Comparison | null;
}

/**
 * Who answered, for a visitor the site identified (`identify()` gave a user id): the user id and the visitor
 * attributes, minus those the sites file marks as sensitive. Anonymous visitors have no customer: nothing that
 * identifies a person is shown for them (their attributes neither).
 */
export interface Customer {
  readonly userId: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

/** An open-text answer with the score it followed. */
export interface Verbatim {
  readonly responseId: string;
  /** Corrected client time of the answer (ISO 8601). */
  readonly at: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly metric: Metric;
  readonly score: number;
  readonly band: Band;
  /** The visitor's words: render as text, never as HTML. */
  readonly text: string;
  readonly locale?: string;
  readonly device?: Device;
  readonly path: string;
  /** Where it was answered. */
  readonly channel: Channel;
  /** Only for an identified visitor. */
  readonly customer?: Customer;
}

/** One answer of a response: a score (with its metric) or a text. */
export interface ResponseAnswer {
  readonly questionId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  /** Corrected client time of the winning answer (ISO 8601). */
  readonly at: string;
  readonly metric?: Metric;
  readonly score?: number;
  readonly band?: Band;
  readonly text?: string;
}

/** `GET /v1/results/responses/{responseId}`: every winning answer of one response, and its customer when known. */
export interface ResponseDetail {
  readonly responseId: string;
  readonly answers: readonly ResponseAnswer[];
  readonly locale?: string;
  readonly device?: Device;
  readonly path: string;
  /** Where it was answered. */
  readonly channel: Channel;
  readonly customer?: Customer;
}

/**
 * `GET /v1/results/verbatims?from&to[&touchpoint&metric&points&band&locale&device&path&channel&limit&cursor]`: newest first,
 * paged (`limit` 1–100, default 20).
 */
export interface VerbatimsResponse {
  readonly items: readonly Verbatim[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** `GET /v1/results/segments?touchpoint&metric[&points]&by=device|locale|path|channel|attr.<name>&from&to[&device&locale&path&channel]` */
export interface SegmentsResponse {
  /** A context dimension, or `attr.<name>` for one of the config's `segmentAttributes`. */
  readonly by: 'device' | 'locale' | 'path' | 'channel' | `attr.${string}`;
  readonly rows: readonly (ScoreSummary & DisplayCounts & { readonly segment: string })[];
}

/**
 * `GET /v1/results/export.csv?kind=responses|summary&from&to[&filters]`: `text/csv; charset=utf-8`, one header
 * row; cells that start with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with `'` so spreadsheets
 * never run them as formulas.
 */
export type ExportKind = 'responses' | 'summary';

/** One stage of a journey with its touchpoints' overview rows (touchpoints without answers are left out). */
export interface JourneyStageResult {
  readonly name: string;
  readonly touchpoints: readonly OverviewRow[];
}

/** A journey the config declares, by id and name. */
export interface JourneyRef {
  readonly id: string;
  readonly name: string;
}

/**
 * `GET /v1/results/journey?[journey&]from&to[&segment filters]`: the journey's stages in order (`journey` left out:
 * the config's first). `weakest` names, per measure, the stage of the clearly lowest touchpoint — only when its
 * whole 95 % interval lies below every other touchpoint's of that measure in the journey (the overview's "clearly
 * lowest" rule); otherwise none. `journeys` lists every journey the config declares; with none, `journey` is null
 * and `stages` empty.
 */
export interface JourneyResponse {
  readonly journey: JourneyRef | null;
  readonly journeys: readonly JourneyRef[];
  readonly from: string;
  readonly to: string;
  readonly stages: readonly JourneyStageResult[];
  readonly weakest: readonly {
    readonly metric: Metric;
    readonly points: 0 | 5 | 7;
    readonly stage: number;
    readonly touchpoint: string;
  }[];
}

/**
 * `GET /v1/results/attributes`: the config's `segmentAttributes`, each with the values kept for the site (the first
 * seen, at most `SEGMENT_ATTRIBUTE_LIMITS.valuesPerAttribute`, sorted; `(other)` last once the bound is reached):
 * what an `attr.<name>=<value>` filter can take.
 */
export interface AttributesResponse {
  readonly attributes: readonly { readonly name: string; readonly values: readonly string[] }[];
}
