/**
 * Date ranges and segment filters. Days are UTC calendar days, `YYYY-MM-DD`, both ends inclusive (the results
 * contract's definition).
 */
import type { Channel, Device } from '@touchpoint/core';

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** The filters every results request carries: a date range and optional segment filters. */
export interface Filters extends DayRange {
  readonly device?: Device;
  /** Language tag; `nl` also matches `nl-BE`. */
  readonly locale?: string;
  /** Page path, exact. */
  readonly path?: string;
  /**
   * One of the config's `segmentAttributes` and a value (`attr.plan=pro`); it stands alone: the API takes no
   * device, language, page or channel beside it.
   */
  readonly attribute?: AttributeFilter;
  /** Where the answers were given: a web page, a personal link, an e-mail or a QR code (decisions/0012). */
  readonly channel?: Channel;
}

/** A customer-attribute filter: `attr.<name>=<value>`. */
export interface AttributeFilter {
  readonly name: string;
  readonly value: string;
}

/** The segment part of the filters: everything but the date range. */
export type SegmentFilters = Omit<Filters, 'from' | 'to'>;

/** The filters without their date range. */
export function segmentOf(filters: Filters): SegmentFilters {
  const { from: _from, to: _to, ...segment } = filters;
  return segment;
}

/**
 * One string for the segment, the same for equal segments whatever the order their fields were set in: what a
 * view lists among the inputs of a request, so a filter added to `Filters` reaches every request without a change
 * to each view.
 */
export function segmentKey(filters: Filters): string {
  const segment: Record<string, unknown> = segmentOf(filters);
  return JSON.stringify(
    Object.keys(segment)
      .filter((name) => segment[name] !== undefined)
      .sort()
      .map((name) => [name, segment[name]]),
  );
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range the dashboard opens on, in days (today included). */
export const DEFAULT_RANGE_DAYS = 28;

/** Quick ranges offered beside the date fields. */
export const PRESET_RANGE_DAYS = [7, 28, 90] as const;

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The UTC day of a moment. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

/** `day` plus `days` (negative to go back). */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Days in a range, both ends included. */
export function dayCount(range: DayRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** The last `days` days up to and including today (UTC). */
export function lastDays(today: Date, days: number): DayRange {
  const to = dayOf(today);
  return { from: addDays(to, -(days - 1)), to };
}

/** The range of equal length that ends the day before `range` starts (what the overview's `change` uses). */
export function previousRange(range: DayRange): DayRange {
  const days = dayCount(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** Whether any segment filter (device, language, page, channel, customer attribute) is set. */
export const hasSegmentFilter = (filters: Filters): boolean => segmentKey(filters) !== '[]';
