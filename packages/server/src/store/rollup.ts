/**
 * The counting rules of the rollups, shared by the ingest transaction and the readers. They are core's
 * `summarizeEvents` rules, applied one event at a time: an id counts once (the events table's unique key); one
 * value per response × question, the `completed` one winning, then the later `at`, then the larger event id (so a
 * changed answer moves one count from the old value to the new); shown / completed / dismissed count distinct
 * responses per touchpoint × metric.
 */
import {
  type AnswerContender,
  type CesPoints,
  compareSummaryRows,
  createTally,
  type Metric,
  mergeTallies,
  type Tally,
  type TouchpointSummary,
  touchpointRow,
} from '@touchpoint/core';
import type { RollupRow } from './store';
import { VALUE_COLUMNS, type ValueColumn } from './tables';

/** The points column of a group: 5 or 7 for CES, 0 for the metrics that have one scale. */
export const pointsColumn = (metric: Metric, points: CesPoints | undefined): 0 | CesPoints =>
  metric === 'ces' ? (points ?? 7) : 0;

/**
 * The segment of an event as the segment rollups key it (`''` where the event carried no device or locale, `web`
 * where it named no channel).
 */
export interface SegmentKey {
  readonly device: string;
  readonly locale: string;
  readonly path: string;
  readonly channel: string;
}

/** The segment-attribute values of an event (`{ plan: 'pro' }`), as the attribute rollups key them. */
export type AttributeValues = Readonly<Record<string, string>>;

/** What decides between two answers to the same response × question (core's `AnswerContender`). */
type Contender = AnswerContender;

/** One answer value that may count for a response × question, with its event's survey, times and segment. */
export interface AnswerCandidate extends Contender, SegmentKey {
  readonly site: string;
  readonly responseId: string;
  readonly questionId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly value: number;
  readonly correctedAtMs: number;
  readonly day: string;
  readonly attrs: AttributeValues;
}

/** One open-text answer that may be the verbatim of a response × question (the same winning rule). */
export interface TextCandidate extends Contender, SegmentKey {
  readonly site: string;
  readonly responseId: string;
  readonly questionId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly text: string;
  readonly correctedAtMs: number;
  readonly day: string;
}

export type DisplayType = 'shown' | 'completed' | 'dismissed';

/** A rollup group on one day, in one segment. */
export interface RollupKey extends SegmentKey {
  readonly site: string;
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly day: string;
  /** The segment-attribute values the count also moves in (attribute rollups); none: no attribute row. */
  readonly attrs?: AttributeValues | undefined;
}

/** An attribute rollup row's key: the group, one attribute name and its value. */
export interface AttributeRollupKey extends RollupKey {
  readonly name: string;
  readonly value: string;
}

type RowDeltas = { key: RollupKey; deltas: Map<RollupColumn, number> };

export type RollupColumn = ValueColumn | DisplayType;

/**
 * Changes to rollup rows, collected over a transaction and written as one upsert per row: per segment for the
 * segment rollups, and summed over the segments for the plain rollups.
 */
export class RollupDeltas {
  readonly #segmented = new Map<string, RowDeltas>();
  readonly #plain = new Map<string, RowDeltas>();
  readonly #attributes = new Map<string, { key: AttributeRollupKey; deltas: Map<RollupColumn, number> }>();

  add(key: RollupKey, column: RollupColumn, delta: number): void {
    const plain = `${key.site}\u0000${key.day}\u0000${key.touchpoint}\u0000${key.metric}\u0000${key.points}`;
    const segmented = `${plain}\u0000${key.device}\u0000${key.locale}\u0000${key.path}\u0000${key.channel}`;
    RollupDeltas.#bump(this.#segmented, segmented, key, column, delta);
    RollupDeltas.#bump(this.#plain, plain, key, column, delta);
    this.#addAttributes(plain, key, column, delta);
  }

  static #bump(
    rows: Map<string, RowDeltas>,
    id: string,
    key: RollupKey,
    column: RollupColumn,
    delta: number,
  ): void {
    let row = rows.get(id);
    if (row === undefined) {
      row = { key, deltas: new Map() };
      rows.set(id, row);
    }
    row.deltas.set(column, (row.deltas.get(column) ?? 0) + delta);
  }

  #addAttributes(plain: string, key: RollupKey, column: RollupColumn, delta: number): void {
    for (const [name, value] of Object.entries(key.attrs ?? {})) {
      const id = `${plain}\u0000${name}\u0000${value}`;
      let row = this.#attributes.get(id);
      if (row === undefined) {
        row = { key: { ...key, name, value }, deltas: new Map() };
        this.#attributes.set(id, row);
      }
      row.deltas.set(column, (row.deltas.get(column) ?? 0) + delta);
    }
  }

  /** Attribute rollup rows with a non-zero change, sorted by key. */
  attributeRows(): { key: AttributeRollupKey; deltas: Map<RollupColumn, number> }[] {
    return [...this.#attributes.entries()]
      .filter(([, row]) => [...row.deltas.values()].some((delta) => delta !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  /** Moves one answer: −1 where the old winner counted, +1 where the new one counts. */
  replaceAnswer(
    old: { key: RollupKey; value: number } | undefined,
    next: { key: RollupKey; value: number },
  ): void {
    if (old !== undefined) this.add(old.key, valueColumn(old.value), -1);
    this.add(next.key, valueColumn(next.value), 1);
  }

  /**
   * Rows with a non-zero change, sorted by key (a fixed lock order on PostgreSQL): `segmented` keyed by the whole
   * `RollupKey`, `plain` by the key without its segment (whose fields are then those of one of its segments).
   */
  rows(kind: 'segmented' | 'plain'): RowDeltas[] {
    return [...(kind === 'plain' ? this.#plain : this.#segmented).entries()]
      .filter(([, row]) => [...row.deltas.values()].some((delta) => delta !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }
}

export function valueColumn(value: number): ValueColumn {
  const column = VALUE_COLUMNS[value];
  if (column === undefined) throw new RangeError(`no rollup column for the value ${value}`);
  return column;
}

/** The tally of one rollup row. */
export function tallyOfRollup(row: Pick<RollupRow, 'metric' | 'points' | 'counts'>): Tally {
  const empty = createTally(row.metric, row.points === 0 ? 7 : row.points);
  return { ...empty, counts: empty.counts.map((_, i) => row.counts[i] ?? 0) };
}

/**
 * Per-touchpoint summaries of rollup rows over any range of days: the same rows, in the same order, as core's
 * `summarizeEvents` gives for the raw events.
 */
export function summarizeRollups(rows: Iterable<Omit<RollupRow, 'site' | 'day'>>): TouchpointSummary[] {
  interface Group {
    touchpoint: string;
    tally: Tally;
    shown: number;
    completed: number;
    dismissed: number;
  }
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.touchpoint}\u0000${row.metric}\u0000${row.points}`;
    const tally = tallyOfRollup(row);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, {
        touchpoint: row.touchpoint,
        tally,
        shown: row.shown,
        completed: row.completed,
        dismissed: row.dismissed,
      });
    } else {
      group.tally = mergeTallies(group.tally, tally);
      group.shown += row.shown;
      group.completed += row.completed;
      group.dismissed += row.dismissed;
    }
  }
  // A group whose every count moved elsewhere (an answer changed touchpoint) counts nothing, as in core.
  const counted = [...groups.values()].filter(
    (group) => group.shown + group.completed + group.dismissed > 0 || group.tally.counts.some((c) => c > 0),
  );
  return counted.map((group) => touchpointRow(group.touchpoint, group.tally, group)).sort(compareSummaryRows);
}
