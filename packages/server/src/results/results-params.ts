/**
 * The query parameters of the results API, checked one by one: every problem names its parameter, and an unknown
 * or repeated parameter is a problem too (a misspelt filter must never silently widen the results).
 */
import {
  BANDS,
  type Band,
  type CesPoints,
  CHANNELS,
  type Channel,
  DEVICES,
  type Device,
  METRICS,
  type Metric,
  type Problem,
} from '@touchpoint/core';
import { IdSchema, LocaleSchema, validate } from '@touchpoint/core/schema';
import type { SegmentDimension, SegmentFilter } from '../store/store';
import { daysBetween, isDay } from './days';

/** The longest range any results request may cover: three years (and a leap day). */
export const MAX_RANGE_DAYS = 1096;
/** Verbatims per page: at most, and when `limit` is not given. */
export const MAX_VERBATIMS_LIMIT = 100;
export const DEFAULT_VERBATIMS_LIMIT = 20;
/** Characters of a `path` filter (core's stored path length). */
export const MAX_PATH_FILTER_LENGTH = 2048;
/** Characters of a `cursor`. */
const MAX_CURSOR_LENGTH = 512;

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** A metric as a request names it: CES with its points (7 unless `points=5`), the others with 0. */
export interface MetricKind {
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
}

const FILTERS = ['device', 'locale', 'path', 'channel'] as const;

const problem = (path: string, expected: string, received: string | undefined): Problem => {
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  return { path, expected, received: shown, message: `${path}: expected ${expected}, received ${shown}` };
};

/** Reads one endpoint's parameters; `problems` holds what was wrong once every read is done. */
export class ParamReader {
  readonly problems: Problem[] = [];
  readonly #params: URLSearchParams;
  readonly #allowed = new Set<string>();

  constructor(params: URLSearchParams) {
    this.#params = params;
  }

  /** The parameter's value; undefined when absent (an empty value counts as absent). */
  #raw(name: string): string | undefined {
    this.#allowed.add(name);
    const values = this.#params.getAll(name);
    if (values.length > 1) {
      this.problems.push(problem(name, 'the parameter once', values.join(', ')));
      return undefined;
    }
    const value = values[0];
    return value === undefined || value === '' ? undefined : value;
  }

  #required(name: string, expected: string): string | undefined {
    const value = this.#raw(name);
    if (value === undefined && this.#params.getAll(name).length <= 1) {
      this.problems.push(problem(name, expected, undefined));
    }
    return value;
  }

  day(name: string): string {
    const value = this.#required(name, 'a day written YYYY-MM-DD (UTC)');
    if (value === undefined) return '';
    if (!isDay(value)) this.problems.push(problem(name, 'a day written YYYY-MM-DD (UTC)', value));
    return value;
  }

  /** `from` and `to` (or `a.from` and `a.to`): real days, in order, at most `MAX_RANGE_DAYS` apart. */
  range(prefix = ''): DayRange {
    const before = this.problems.length;
    const from = this.day(`${prefix}from`);
    const to = this.day(`${prefix}to`);
    if (this.problems.length === before) {
      if (to < from) {
        this.problems.push(problem(`${prefix}to`, `a day on or after ${prefix}from (${from})`, to));
      } else if (daysBetween(from, to) > MAX_RANGE_DAYS) {
        this.problems.push(
          problem(
            `${prefix}to`,
            `a range of at most ${MAX_RANGE_DAYS} days (from ${from} to ${to} is ${daysBetween(from, to)})`,
            to,
          ),
        );
      }
    }
    return { from, to };
  }

  #id(name: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const checked = validate(IdSchema, value);
    if (!checked.ok) {
      this.problems.push(problem(name, 'a touchpoint id (letters, digits and . _ : -, at most 64)', value));
    }
    return value;
  }

  touchpoint(name = 'touchpoint'): string {
    return this.#id(name, this.#required(name, 'a touchpoint id')) ?? '';
  }

  optionalTouchpoint(name = 'touchpoint'): string | undefined {
    return this.#id(name, this.#raw(name));
  }

  #oneOf<T extends string>(name: string, options: readonly T[], value: string | undefined): T | undefined {
    if (value === undefined) return undefined;
    if ((options as readonly string[]).includes(value)) return value as T;
    this.problems.push(problem(name, `one of ${options.join(', ')}`, value));
    return undefined;
  }

  choice<T extends string>(name: string, options: readonly T[], fallback?: T): T {
    const value =
      fallback === undefined ? this.#required(name, `one of ${options.join(', ')}`) : this.#raw(name);
    return this.#oneOf(name, options, value) ?? fallback ?? options[0]!;
  }

  /** A parameter that may be left out; when given, one of `options` (none: nothing is accepted). */
  optionalChoice<T extends string>(name: string, options: readonly T[]): T | undefined {
    const value = this.#raw(name);
    if (value !== undefined && options.length === 0) {
      this.problems.push(problem(name, 'no value: the config declares none', value));
      return undefined;
    }
    return this.#oneOf(name, options, value);
  }

  /** `metric` and `points`: required, or optional when `required` is false. */
  metric(required: true): MetricKind;
  metric(required: false): MetricKind | undefined;
  metric(required: boolean): MetricKind | undefined {
    const metric = this.#oneOf(
      'metric',
      METRICS,
      required ? this.#required('metric', `one of ${METRICS.join(', ')}`) : this.#raw('metric'),
    );
    const pointsText = this.#raw('points');
    let points: 0 | CesPoints = metric === 'ces' ? 7 : 0;
    if (pointsText !== undefined) {
      if (pointsText !== '5' && pointsText !== '7') {
        this.problems.push(problem('points', '5 or 7 (the length of the CES scale)', pointsText));
      } else if (metric !== 'ces') {
        this.problems.push(problem('points', 'no points unless metric=ces', pointsText));
      } else points = pointsText === '5' ? 5 : 7;
    }
    if (metric === undefined) return required ? { metric: 'nps', points: 0 } : undefined;
    return { metric, points };
  }

  /**
   * The segment filters `device`, `locale`, `path` and `channel`, or one `attr.<name>=<value>` for a name among the
   * site's `segmentAttributes` (not combined with the others: each is its own rollup).
   */
  segment(attributeNames: readonly string[] = []): SegmentFilter {
    const attribute = this.attribute(attributeNames);
    const device = this.#oneOf<Device>('device', DEVICES, this.#raw('device'));
    let locale = this.#raw('locale');
    if (locale !== undefined) {
      if (!validate(LocaleSchema, locale).ok) {
        this.problems.push(problem('locale', 'a language tag such as nl or nl-BE', locale));
        locale = undefined;
      } else locale = locale.toLowerCase();
    }
    const path = this.#raw('path');
    if (path !== undefined && (!path.startsWith('/') || path.length > MAX_PATH_FILTER_LENGTH)) {
      this.problems.push(
        problem('path', `a page path starting with / (at most ${MAX_PATH_FILTER_LENGTH})`, path),
      );
    }
    const channel = this.#oneOf<Channel>('channel', CHANNELS, this.#raw('channel'));
    const segment: { device?: Device; locale?: string; path?: string; channel?: Channel } = {};
    if (device !== undefined) segment.device = device;
    if (locale !== undefined) segment.locale = locale;
    if (path !== undefined) segment.path = path;
    if (channel !== undefined) segment.channel = channel;
    if (attribute !== undefined) {
      if (device !== undefined || locale !== undefined || path !== undefined || channel !== undefined) {
        this.problems.push(
          problem(
            `attr.${attribute.name}`,
            'an attribute filter alone: it does not combine with device, locale, path or channel',
            attribute.value,
          ),
        );
      }
      return { attribute };
    }
    return segment;
  }

  /** The one `attr.<name>` parameter, checked against the site's segment attributes. */
  attribute(names: readonly string[]): { name: string; value: string } | undefined {
    const given = [...new Set(this.#params.keys())].filter((key) => key.startsWith('attr.'));
    if (given.length === 0) return undefined;
    for (const key of given) this.#raw(key);
    if (given.length > 1) {
      this.problems.push(problem(given[1]!, 'one attribute filter at a time', given.join(', ')));
      return undefined;
    }
    const key = given[0]!;
    const name = key.slice('attr.'.length);
    const value = this.#params.get(key) ?? '';
    if (!names.includes(name)) {
      this.problems.push(
        problem(
          key,
          names.length === 0
            ? 'no attribute filter: the config names no segmentAttributes'
            : `an attribute named in the config's segmentAttributes (${names.join(', ')})`,
          value,
        ),
      );
      return undefined;
    }
    if (value === '' || this.#params.getAll(key).length > 1) {
      if (value === '') this.problems.push(problem(key, 'a value', value));
      return undefined;
    }
    return { name, value };
  }

  /** A score band, checked against the metric when one was given. */
  band(kind: MetricKind | undefined): Band | undefined {
    const options = kind === undefined ? [...new Set(Object.values(BANDS).flat())] : BANDS[kind.metric];
    return this.#oneOf('band', options, this.#raw('band'));
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.#raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(problem(name, `a whole number from ${min} to ${max}`, value));
      return fallback;
    }
    return Number(value);
  }

  cursor(decode: (text: string) => unknown): unknown {
    const value = this.#raw('cursor');
    if (value === undefined) return undefined;
    const decoded = value.length > MAX_CURSOR_LENGTH ? undefined : decode(value);
    if (decoded === undefined) {
      this.problems.push(problem('cursor', 'the nextCursor of a previous page, unchanged', value));
    }
    return decoded;
  }

  /** `by`: device, locale, path, or `attr.<name>` for a name among the site's segment attributes. */
  dimension(attributeNames: readonly string[] = []): SegmentDimension {
    const options = [...FILTERS, ...attributeNames.map((name) => `attr.${name}` as const)];
    return this.choice<SegmentDimension>('by', options);
  }

  /** Call last: every parameter not read by this endpoint is a problem. */
  finish(): Problem[] {
    for (const name of new Set(this.#params.keys())) {
      if (!this.#allowed.has(name)) {
        this.problems.push(
          problem(
            name,
            `no such parameter here (this endpoint reads ${[...this.#allowed].join(', ')})`,
            this.#params.get(name) ?? '',
          ),
        );
      }
    }
    return this.problems;
  }
}
