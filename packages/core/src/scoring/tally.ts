/**
 * Mergeable tallies: counts per scale value. The server rolls them up by touchpoint × day and combines any range
 * without rereading raw events; every score in Touchpoint is computed from a tally.
 */
import { ScoreRangeError, TallyMismatchError } from '../errors';
import { type CesPoints, isOnScale, type Metric, type Scale, scaleOf } from '../questions/metric';

export interface Tally {
  readonly metric: Metric;
  readonly scale: Scale;
  /** `counts[i]` is how many answers had the value `scale.min + i`. */
  readonly counts: readonly number[];
}

const METRIC_NAMES: Record<Metric, string> = { nps: 'NPS', ces: 'CES', csat: 'CSAT' };

/** An empty tally for a metric (CES: 7 points unless told 5). */
export function createTally(metric: Metric, points: CesPoints = 7): Tally {
  const scale = scaleOf(metric, points);
  return { metric, scale, counts: new Array<number>(scale.max - scale.min + 1).fill(0) };
}

function checkValue(tally: Tally, value: number): void {
  if (!isOnScale(value, tally.scale)) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new ScoreRangeError(
      `${METRIC_NAMES[tally.metric]} answers are whole numbers from ${tally.scale.min} to ${tally.scale.max}; received ${shown}`,
    );
  }
}

/** A new tally with one more answer. Throws `ScoreRangeError` for a value off the scale. */
export function addToTally(tally: Tally, value: number, count = 1): Tally {
  checkValue(tally, value);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0; received ${count}`);
  const counts = [...tally.counts];
  counts[value - tally.scale.min]! += count;
  return { ...tally, counts };
}

/** A tally of a list of answers. Throws `ScoreRangeError` naming the first value off the scale. */
export function tallyOf(metric: Metric, values: Iterable<number>, points: CesPoints = 7): Tally {
  const empty = createTally(metric, points);
  const counts = [...empty.counts];
  for (const value of values) {
    checkValue(empty, value);
    counts[value - empty.scale.min]! += 1;
  }
  return { ...empty, counts };
}

function sameKind(a: Tally, b: Tally): boolean {
  return a.metric === b.metric && a.scale.min === b.scale.min && a.scale.max === b.scale.max;
}

function describeKind(t: Tally): string {
  return `${METRIC_NAMES[t.metric]} ${t.scale.min}–${t.scale.max}`;
}

/** The tally of the union of two tallies' answers. Both must be the same metric on the same scale. */
export function mergeTallies(a: Tally, b: Tally): Tally {
  if (!sameKind(a, b)) {
    throw new TallyMismatchError(`cannot merge a ${describeKind(a)} tally with a ${describeKind(b)} tally`);
  }
  return { ...a, counts: a.counts.map((count, i) => count + (b.counts[i] ?? 0)) };
}

/** Checks two tallies can be compared; throws `TallyMismatchError` otherwise. */
export function assertSameKind(a: Tally, b: Tally): void {
  if (!sameKind(a, b)) {
    throw new TallyMismatchError(`cannot compare a ${describeKind(a)} tally with a ${describeKind(b)} tally`);
  }
}

/** Number of answers in a tally. */
export function tallySize(tally: Tally): number {
  let n = 0;
  for (const count of tally.counts) n += count;
  return n;
}

/** Answers with a value in [from, to]. */
export function countBetween(tally: Tally, from: number, to: number): number {
  let n = 0;
  tally.counts.forEach((count, i) => {
    const value = tally.scale.min + i;
    if (value >= from && value <= to) n += count;
  });
  return n;
}

/** Mean and sample standard deviation of the answers (null where undefined). */
export function moments(tally: Tally): { mean: number | null; sd: number | null } {
  const n = tallySize(tally);
  if (n === 0) return { mean: null, sd: null };
  let sum = 0;
  tally.counts.forEach((count, i) => {
    sum += count * (tally.scale.min + i);
  });
  const mean = sum / n;
  if (n === 1) return { mean, sd: null };
  let squares = 0;
  tally.counts.forEach((count, i) => {
    const d = tally.scale.min + i - mean;
    squares += count * d * d;
  });
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}

/** `[{ value, count }]` over the whole scale, zeros included, for charts and JSON. */
export function distributionOf(tally: Tally): { value: number; count: number }[] {
  return tally.counts.map((count, i) => ({ value: tally.scale.min + i, count }));
}
