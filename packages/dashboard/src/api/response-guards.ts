/**
 * Checks that what the server answered has the results contract's shape before the dashboard draws it.
 * Shallow on purpose: every field the dashboard reads is checked for its type; the numbers themselves are the
 * server's (core computes them).
 */
import {
  type AtRiskResponse,
  type AttributesResponse,
  type CompareResponse,
  type ErrorBody,
  type InboxItemResponse,
  type InboxResponse,
  type JourneyResponse,
  METRICS,
  type OverviewResponse,
  type SegmentsResponse,
  type TrendResponse,
  type VerbatimsResponse,
} from '@touchpoint/core';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** A calendar day `YYYY-MM-DD` that dates can be made of. */
const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value));
/** A moment in ISO 8601. */
const isMoment = (value: unknown): value is string =>
  typeof value === 'string' && Number.isFinite(Date.parse(value));
const isNullableNumber = (value: unknown) => value === null || isNumber(value);
const isMetric = (value: unknown) => (METRICS as readonly unknown[]).includes(value);
const isArrayOf = (value: unknown, item: (v: unknown) => boolean) =>
  Array.isArray(value) && value.every(item);

const isInterval = (value: unknown) => isObject(value) && isNumber(value.low) && isNumber(value.high);
const isNullableInterval = (value: unknown) => value === null || isInterval(value);
const isScale = (value: unknown) => isObject(value) && isNumber(value.min) && isNumber(value.max);

/** `ScoreSummary`: the fields every metric shares. */
function isScoreSummary(value: unknown): value is Json {
  return (
    isObject(value) &&
    isMetric(value.metric) &&
    isScale(value.scale) &&
    isNumber(value.n) &&
    isNullableNumber(value.score) &&
    isNullableInterval(value.ci) &&
    typeof value.smallSample === 'boolean' &&
    isArrayOf(value.distribution, (d) => isObject(d) && isNumber(d.value) && isNumber(d.count))
  );
}

const isTrendPoint = (value: unknown) =>
  isObject(value) &&
  isDay(value.start) &&
  isNumber(value.n) &&
  isNullableNumber(value.score) &&
  isNullableInterval(value.ci) &&
  typeof value.smallSample === 'boolean';

const isComparison = (value: unknown) =>
  value === null ||
  (isObject(value) &&
    isNumber(value.difference) &&
    typeof value.significant === 'boolean' &&
    isNullableInterval(value.ci) &&
    isObject(value.n));

const isDisplayCounts = (value: Json) =>
  isNumber(value.shown) && isNumber(value.completed) && isNullableNumber(value.responseRate);

const isOverviewRow = (row: unknown) =>
  isScoreSummary(row) &&
  isString(row.touchpoint) &&
  isDisplayCounts(row) &&
  isArrayOf(row.trend, isTrendPoint) &&
  isComparison(row.change);

export function isOverviewResponse(value: unknown): value is OverviewResponse {
  return isObject(value) && isDay(value.from) && isDay(value.to) && isArrayOf(value.rows, isOverviewRow);
}

const isJourneyRef = (value: unknown) => isObject(value) && isString(value.id) && isString(value.name);

export function isJourneyResponse(value: unknown): value is JourneyResponse {
  return (
    isObject(value) &&
    isDay(value.from) &&
    isDay(value.to) &&
    (value.journey === null || isJourneyRef(value.journey)) &&
    isArrayOf(value.journeys, isJourneyRef) &&
    isArrayOf(
      value.stages,
      (stage) => isObject(stage) && isString(stage.name) && isArrayOf(stage.touchpoints, isOverviewRow),
    ) &&
    isArrayOf(
      value.weakest,
      (mark) => isObject(mark) && isMetric(mark.metric) && isNumber(mark.stage) && isString(mark.touchpoint),
    )
  );
}

export function isAttributesResponse(value: unknown): value is AttributesResponse {
  return (
    isObject(value) &&
    isArrayOf(value.attributes, (a) => isObject(a) && isString(a.name) && isArrayOf(a.values, isString))
  );
}

export function isTrendResponse(value: unknown): value is TrendResponse {
  return (
    isObject(value) &&
    isString(value.touchpoint) &&
    isMetric(value.metric) &&
    (value.interval === 'day' || value.interval === 'week') &&
    isArrayOf(value.points, isTrendPoint)
  );
}

const isComparedSide = (value: unknown) =>
  isScoreSummary(value) && isString(value.touchpoint) && isDay(value.from) && isDay(value.to);

export function isCompareResponse(value: unknown): value is CompareResponse {
  return (
    isObject(value) && isComparedSide(value.a) && isComparedSide(value.b) && isComparison(value.comparison)
  );
}

const isVerbatim = (value: unknown) =>
  isObject(value) &&
  isString(value.responseId) &&
  isMoment(value.at) &&
  isString(value.touchpoint) &&
  isMetric(value.metric) &&
  isNumber(value.score) &&
  isString(value.band) &&
  isString(value.text) &&
  isString(value.path) &&
  (value.locale === undefined || isString(value.locale)) &&
  (value.device === undefined || isString(value.device));

export function isVerbatimsResponse(value: unknown): value is VerbatimsResponse {
  return (
    isObject(value) &&
    isArrayOf(value.items, isVerbatim) &&
    (value.nextCursor === null || isString(value.nextCursor))
  );
}

export function isSegmentsResponse(value: unknown): value is SegmentsResponse {
  return (
    isObject(value) &&
    (value.by === 'device' ||
      value.by === 'locale' ||
      value.by === 'path' ||
      value.by === 'channel' ||
      (isString(value.by) && value.by.startsWith('attr.'))) &&
    isArrayOf(value.rows, (row) => isScoreSummary(row) && isString(row.segment) && isDisplayCounts(row))
  );
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return isObject(value) && value.ok === false && isObject(value.error) && isString(value.error.message);
}

/** The inbox page's shape (the fields the dashboard reads). */
export function isInboxResponse(value: unknown): value is InboxResponse {
  return (
    isObject(value) &&
    isArrayOf(value.items, isInboxItem) &&
    (value.nextCursor === null || isString(value.nextCursor)) &&
    isObject(value.summary) &&
    isObject(value.summary.byStatus)
  );
}

function isInboxItem(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.responseId) &&
    isString(value.touchpoint) &&
    typeof value.score === 'number' &&
    isString(value.status) &&
    Array.isArray(value.texts)
  );
}

export function isInboxItemResponse(value: unknown): value is InboxItemResponse {
  return (
    isObject(value) &&
    isInboxItem(value.item) &&
    Array.isArray(value.history) &&
    Array.isArray(value.otherAnswers)
  );
}

export function isAtRiskResponse(value: unknown): value is AtRiskResponse {
  return (
    isObject(value) &&
    isArrayOf(value.customers, (c) => isObject(c) && isString(c.userId) && Array.isArray(c.answers))
  );
}
