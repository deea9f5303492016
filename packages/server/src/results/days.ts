/**
 * UTC calendar days as `YYYY-MM-DD` strings: the unit of every results range.
 */
import { DAY_MS } from '@touchpoint/core';

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (2025-02-30 is not). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** Midnight UTC at the start of a day, epoch ms. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The day `days` days after (or before, when negative) `day`. */
export const addDays = (day: string, days: number): string =>
  new Date(dayStart(day) + days * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1;

/** The Monday of the ISO week `day` is in. */
export function mondayOf(day: string): string {
  const weekday = (new Date(dayStart(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The buckets of a range by day or by ISO week, each clipped to the range; `start` is the bucket's first day. */
export function bucketsOf(
  from: string,
  to: string,
  interval: 'day' | 'week',
): { start: string; from: string; to: string }[] {
  const out: { start: string; from: string; to: string }[] = [];
  let start = interval === 'week' ? mondayOf(from) : from;
  while (start <= to) {
    const end = interval === 'week' ? addDays(start, 6) : start;
    out.push({ start, from: start < from ? from : start, to: end > to ? to : end });
    start = addDays(end, 1);
  }
  return out;
}
