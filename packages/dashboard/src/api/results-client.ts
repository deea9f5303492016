/**
 * The results API client: one GET per endpoint of core's results contract, the secret key in an
 * `Authorization: Bearer` header (never in the URL), answers checked before use.
 *
 * `fetch` is passed in, so tests answer with fixtures instead of mocking modules.
 */
import type {
  AtRiskResponse,
  AttributesResponse,
  Band,
  CesPoints,
  Channel,
  CompareResponse,
  ExportKind,
  InboxItemResponse,
  InboxResponse,
  InboxStatus,
  JourneyResponse,
  Metric,
  OverviewResponse,
  SegmentsResponse,
  TrendResponse,
  VerbatimsResponse,
} from '@touchpoint/core';
import type { AttributeFilter, DayRange, Filters, SegmentFilters } from '../model/filters';
import {
  isAtRiskResponse,
  isAttributesResponse,
  isCompareResponse,
  isErrorBody,
  isInboxItemResponse,
  isInboxResponse,
  isJourneyResponse,
  isOverviewResponse,
  isSegmentsResponse,
  isTrendResponse,
  isVerbatimsResponse,
} from './response-guards';

/** The part of `fetch` the client uses. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A request the dashboard could not complete. `status` is 0 when the server was not reached. */
export class ResultsApiError extends Error {
  override name: string = 'ResultsApiError';
  constructor(
    message: string,
    /** HTTP status; 0 for a network failure, -1 for an answer that is not the contract's shape. */
    readonly status: number,
    /** The server's `ErrorBody.error.message`, shown as text beside the dashboard's own words. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The key was refused (401): the dashboard returns to the sign-in form. */
export class UnauthorizedError extends ResultsApiError {
  override name = 'UnauthorizedError' as const;
}

export const isUnauthorized = (error: unknown): boolean =>
  error instanceof Error && error.name === 'UnauthorizedError';

export const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/** A touchpoint's metric, as the trend, compare and segments endpoints name it. */
export interface MetricRef {
  readonly touchpoint: string;
  readonly metric: Metric;
  /** CES only: 5 for the 1–5 variant; 7 is the default and is not sent. */
  readonly points: CesPoints;
}

export interface VerbatimsQuery {
  readonly range: DayRange;
  readonly touchpoint?: string;
  /** Only answers that followed a score of this metric (CES: of this length). */
  readonly metric?: Metric;
  readonly points?: CesPoints;
  readonly band?: Band;
  readonly locale?: string;
  readonly device?: string;
  readonly path?: string;
  readonly attribute?: AttributeFilter;
  readonly channel?: Channel;
  /** @default 20 */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface ResultsClientOptions {
  readonly fetch: FetchLike;
  /** The site's secret results key (`sk_…`). */
  readonly key: string;
  /**
   * Origin and path prefix of the API, without a trailing slash.
   * @default '' (the page's own origin, where the server serves the dashboard)
   */
  readonly baseUrl?: string;
  /** Called on every 401, before the request's promise rejects with `UnauthorizedError`. */
  readonly onUnauthorized?: () => void;
}

export type ResultsClient = ReturnType<typeof createResultsClient>;

/** Verbatims per page unless told otherwise. */
export const VERBATIMS_PAGE = 20;

type Params = Record<string, string | number | undefined>;

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  return search.toString();
}

/** The segment filters every endpoint takes, as query parameters. */
const segmentParams = (filters: SegmentFilters): Params => ({
  device: filters.device,
  locale: filters.locale,
  path: filters.path,
  channel: filters.channel,
  ...attributeParams(filters),
});

/** `attr.<name>=<value>` for the customer-attribute filter. */
const attributeParams = (filters: Pick<Filters, 'attribute'>): Params =>
  filters.attribute === undefined ? {} : { [`attr.${filters.attribute.name}`]: filters.attribute.value };

const filterParams = (filters: Filters): Params => ({
  from: filters.from,
  to: filters.to,
  ...segmentParams(filters),
});

/** The filters as the query every endpoint takes (`from=…&to=…&device=…&attr.plan=pro`); the page's links use it too. */
export const filterQuery = (filters: Filters): string => query(filterParams(filters));

const metricParams = (ref: MetricRef): Params => ({
  touchpoint: ref.touchpoint,
  metric: ref.metric,
  points: ref.metric === 'ces' && ref.points === 5 ? 5 : undefined,
});

export function createResultsClient(options: ResultsClientOptions) {
  const base = options.baseUrl ?? '';

  async function get(path: string, params: Params, signal?: AbortSignal): Promise<Response> {
    const url = `${base}/v1/results/${path}?${query(params)}`;
    let response: Response;
    try {
      const init: RequestInit = {
        headers: { authorization: `Bearer ${options.key}` },
        cache: 'no-store',
        credentials: 'omit',
      };
      if (signal !== undefined) init.signal = signal;
      response = await options.fetch(url, init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ResultsApiError(`GET ${path}: the server was not reached`, 0);
    }
    if (response.status === 401) {
      options.onUnauthorized?.();
      throw new UnauthorizedError(
        `GET ${path}: the results key was refused`,
        401,
        await errorMessage(response),
      );
    }
    if (!response.ok) {
      throw new ResultsApiError(
        `GET ${path}: HTTP ${response.status}`,
        response.status,
        await errorMessage(response),
      );
    }
    return response;
  }

  async function json<T>(
    path: string,
    params: Params,
    guard: (value: unknown) => value is T,
    signal?: AbortSignal,
  ): Promise<T> {
    const response = await get(path, params, signal);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      body = undefined;
    }
    if (!guard(body))
      throw new ResultsApiError(`GET ${path}: the answer is not the results contract's shape`, -1);
    return body;
  }

  /** A request outside `/v1/results/` (the inbox), with an optional JSON body and headers. */
  async function send(
    method: 'GET' | 'PATCH',
    path: string,
    options: { params?: Params; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const search = options.params === undefined ? '' : `?${query(options.params)}`;
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${options_.key}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      cache: 'no-store',
      credentials: 'omit',
    };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    if (options.signal !== undefined) init.signal = options.signal;
    let response: Response;
    try {
      response = await options_.fetch(`${base}${path}${search}`, init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ResultsApiError(`${method} ${path}: the server was not reached`, 0);
    }
    if (response.status === 401) {
      options_.onUnauthorized?.();
      throw new UnauthorizedError(
        `${method} ${path}: the results key was refused`,
        401,
        await errorMessage(response),
      );
    }
    if (!response.ok) {
      throw new ResultsApiError(
        `${method} ${path}: HTTP ${response.status}`,
        response.status,
        await errorMessage(response),
      );
    }
    return response;
  }
  const options_ = options;

  return {
    /** The follow-up inbox: one page, newest answer first, with the summary of the range. */
    inbox: async (
      filters: Filters,
      status: InboxStatus | undefined,
      cursor: string | undefined,
      signal?: AbortSignal,
    ): Promise<InboxResponse> => {
      const response = await send('GET', '/v1/inbox', {
        params: { from: filters.from, to: filters.to, status, cursor },
        ...(signal === undefined ? {} : { signal }),
      });
      const body: unknown = await response.json();
      if (!isInboxResponse(body)) throw new ResultsApiError('GET inbox: not the inbox contract', -1);
      return body;
    },

    /** One item with its history, and the ETag a change must send back. */
    inboxItem: async (
      responseId: string,
      signal?: AbortSignal,
    ): Promise<{ detail: InboxItemResponse; etag: string }> => {
      const response = await send('GET', `/v1/inbox/${encodeURIComponent(responseId)}`, {
        ...(signal === undefined ? {} : { signal }),
      });
      const body: unknown = await response.json();
      if (!isInboxItemResponse(body)) throw new ResultsApiError('GET inbox item: not the contract', -1);
      return { detail: body, etag: response.headers.get('etag') ?? '' };
    },

    /** Marks an item; rejects with status 412 when it changed since `etag` was read. */
    updateInbox: async (
      responseId: string,
      change: { status?: InboxStatus; note?: string; assignee?: string },
      etag: string,
    ): Promise<{ detail: InboxItemResponse; etag: string }> => {
      const response = await send('PATCH', `/v1/inbox/${encodeURIComponent(responseId)}`, {
        body: change,
        headers: { 'if-match': etag },
      });
      const body: unknown = await response.json();
      if (!isInboxItemResponse(body)) throw new ResultsApiError('PATCH inbox item: not the contract', -1);
      return { detail: body, etag: response.headers.get('etag') ?? '' };
    },

    atRisk: (filters: Filters, signal?: AbortSignal): Promise<AtRiskResponse> =>
      json(
        'at-risk',
        { from: filters.from, to: filters.to, ...attributeParams(filters) },
        isAtRiskResponse,
        signal,
      ),

    /** A journey of the config (`journey` left out: its first), its stages with their touchpoints' rows. */
    journey: (
      filters: Filters,
      journey: string | undefined,
      signal?: AbortSignal,
    ): Promise<JourneyResponse> =>
      json('journey', { journey, ...filterParams(filters) }, isJourneyResponse, signal),

    /** The config's segment attributes with the values a filter can take. */
    attributes: (signal?: AbortSignal): Promise<AttributesResponse> =>
      json('attributes', {}, isAttributesResponse, signal),

    overview: (filters: Filters, signal?: AbortSignal): Promise<OverviewResponse> =>
      json('overview', filterParams(filters), isOverviewResponse, signal),

    trend: (
      ref: MetricRef,
      interval: 'day' | 'week',
      filters: Filters,
      signal?: AbortSignal,
    ): Promise<TrendResponse> =>
      json('trend', { ...metricParams(ref), interval, ...filterParams(filters) }, isTrendResponse, signal),

    /** Two periods of one touchpoint, `a` minus `b`, both within the segment. */
    compare: (
      ref: MetricRef,
      a: DayRange,
      b: DayRange,
      segment: SegmentFilters,
      signal?: AbortSignal,
    ): Promise<CompareResponse> =>
      json(
        'compare',
        {
          metric: ref.metric,
          points: metricParams(ref).points,
          'a.touchpoint': ref.touchpoint,
          'a.from': a.from,
          'a.to': a.to,
          'b.touchpoint': ref.touchpoint,
          'b.from': b.from,
          'b.to': b.to,
          ...segmentParams(segment),
        },
        isCompareResponse,
        signal,
      ),

    /** Newest first; pass the previous page's `nextCursor` as `cursor`. */
    verbatims: (q: VerbatimsQuery, signal?: AbortSignal): Promise<VerbatimsResponse> =>
      json(
        'verbatims',
        {
          from: q.range.from,
          to: q.range.to,
          touchpoint: q.touchpoint,
          metric: q.metric,
          points: q.metric === 'ces' && q.points === 5 ? 5 : undefined,
          band: q.band,
          locale: q.locale,
          device: q.device,
          path: q.path,
          ...(q.attribute === undefined ? {} : attributeParams(q)),
          channel: q.channel,
          limit: q.limit ?? VERBATIMS_PAGE,
          cursor: q.cursor,
        },
        isVerbatimsResponse,
        signal,
      ),

    /** The touchpoint broken down by one dimension, within the range and segment. */
    segments: (
      ref: MetricRef,
      by: SegmentsResponse['by'],
      filters: Filters,
      signal?: AbortSignal,
    ): Promise<SegmentsResponse> =>
      json('segments', { ...metricParams(ref), by, ...filterParams(filters) }, isSegmentsResponse, signal),

    /** The CSV file as a Blob, fetched with the bearer header (a plain link could not carry it). */
    exportCsv: async (kind: ExportKind, filters: Filters, signal?: AbortSignal): Promise<Blob> => {
      const response = await get('export.csv', { kind, ...filterParams(filters) }, signal);
      return response.blob();
    },
  };
}

async function errorMessage(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    return isErrorBody(body) ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}
