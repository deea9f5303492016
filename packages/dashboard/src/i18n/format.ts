/**
 * Numbers and dates in the reader's language. Precision follows what each measure can honestly say: NPS and
 * CSAT in whole points (their intervals are several points wide), CES means with two decimals.
 */
import type { Interval } from '@touchpoint/core';
import type { DayRange } from '../model/filters';
import type { Measure } from '../model/measure';
import type { Messages } from './en';

export interface Format {
  /** A score in its measure's units: NPS `+34`, CSAT `68%`, CES `5.12`. */
  score(measure: Measure, score: number): string;
  /** An interval: `+20 to +46`. */
  interval(measure: Measure, ci: Interval): string;
  /**
   * The interval column's words: the interval, or why there is none (core gives none below `MIN_INTERVAL_N`
   * answers: the one small-sample rule, decision 0011).
   */
  intervalOrNote(measure: Measure, ci: Interval | null): string;
  /** A difference of two scores with its sign: `+8` (NPS, CSAT) or `+0.25` (CES). */
  signed(measure: Measure, difference: number): string;
  /** A difference of two scores with its sign and unit: `+8 points`. */
  difference(measure: Measure, difference: number): string;
  /** A difference without a sign, with its unit: `8 points` (the words say up or down). */
  size(measure: Measure, difference: number): string;
  /** A bound of the measure's domain or scale, e.g. `−100`, `0%`, `7`. */
  bound(measure: Measure, value: number): string;
  count(n: number): string;
  /** A share 0..1 as a percentage. */
  share(share: number): string;
  /** A CSAT or CES mean on its answer scale. */
  mean(mean: number): string;
  /** A UTC day `YYYY-MM-DD`: `6 Jan 2025`. */
  day(day: string): string;
  /** A UTC day without the year, for chart axes: `6 Jan`. */
  shortDay(day: string): string;
  /** A day range: `6 Jan – 2 Feb 2025`. */
  range(range: DayRange): string;
  /** A moment (ISO 8601), in the reader's time zone. */
  moment(iso: string): string;
}

/** `locale` is a BCP 47 tag of the chosen language, e.g. `en-GB` or `nl-BE` (see `formatLocale`). */
export function createFormat(locale: string, t: Messages): Format {
  // Signed numbers use signDisplay 'exceptZero', which also prints a value that rounds to zero as plain 0.
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signedWhole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const twoDecimals = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const signedTwo = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const shortDayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const momentFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

  const score = (measure: Measure, value: number): string => {
    switch (measure.metric) {
      case 'nps':
        return signedWhole.format(value);
      case 'csat':
        return percent.format(value / 100);
      case 'ces':
        return twoDecimals.format(value);
    }
  };

  const signed = (measure: Measure, difference: number): string =>
    measure.metric === 'ces' ? signedTwo.format(difference) : signedWhole.format(difference);

  const size = (measure: Measure, difference: number): string => {
    const number =
      measure.metric === 'ces'
        ? twoDecimals.format(Math.abs(difference))
        : whole.format(Math.abs(difference));
    return `${number} ${t.units[measure.key]}`;
  };

  return {
    score,
    interval: (measure, ci) => t.intervalRange(score(measure, ci.low), score(measure, ci.high)),
    intervalOrNote: (measure, ci) =>
      ci === null ? t.noInterval : t.intervalRange(score(measure, ci.low), score(measure, ci.high)),
    signed,
    difference: (measure, difference) => `${signed(measure, difference)} ${t.units[measure.key]}`,
    size,
    bound: (measure, value) =>
      measure.metric === 'csat'
        ? percent.format(value / 100)
        : measure.metric === 'nps'
          ? signedWhole.format(value)
          : whole.format(value),
    count: (n) => whole.format(n),
    share: (share) => percent.format(share),
    mean: (mean) => twoDecimals.format(mean),
    day: (day) => dayFormat.format(dateOf(day)),
    shortDay: (day) => shortDayFormat.format(dateOf(day)),
    range: (range) => dayFormat.formatRange(dateOf(range.from), dateOf(range.to)),
    moment: (iso) => momentFormat.format(new Date(iso)),
  };
}
