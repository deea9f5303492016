import { compareTallies, type OverviewRow, summarizeTally, tallyOf } from '@touchpoint/core';
import { describe, expect, it } from 'vitest';
import { expectedOverview } from '../../test/fake-results-api';
import { events } from '../../test/render-dashboard';
import { findHighlights } from './highlights';

/** An overview row from answers, computed by core (a and b: this period and the one before). */
function row(
  touchpoint: string,
  metric: 'nps' | 'csat' | 'ces',
  now: number[],
  before: number[],
): OverviewRow {
  const tally = tallyOf(metric, now);
  return {
    touchpoint,
    ...summarizeTally(tally),
    shown: now.length,
    completed: now.length,
    dismissed: 0,
    responseRate: 1,
    dismissRate: 0,
    trend: [],
    change: compareTallies(tally, tallyOf(metric, before)),
  };
}

const repeat = (counts: Record<number, number>) =>
  Object.entries(counts).flatMap(([value, count]) => Array<number>(count).fill(Number(value)));

describe('findHighlights', () => {
  it('ranks touchpoints only within their measure, never across NPS, CSAT and CES', () => {
    const rows = [
      row('a', 'nps', repeat({ 10: 20, 3: 20 }), repeat({ 10: 20, 3: 20 })), // NPS 0
      row('b', 'csat', repeat({ 5: 10, 1: 30 }), repeat({ 5: 10, 1: 30 })), // CSAT 25 %
      row('c', 'ces', repeat({ 2: 40 }), repeat({ 2: 39, 3: 1 })), // CES 2.0
    ];
    expect(findHighlights(rows).lowest).toEqual([]);
  });

  it('marks the lowest of a measure, and "clearly" only when its interval is below every other', () => {
    const low = row('low', 'csat', repeat({ 5: 20, 1: 80 }), repeat({ 5: 20, 1: 80 }));
    const high = row('high', 'csat', repeat({ 5: 80, 1: 20 }), repeat({ 5: 80, 1: 20 }));
    const near = row('near', 'csat', repeat({ 5: 25, 1: 75 }), repeat({ 5: 25, 1: 75 }));
    expect(findHighlights([high, low]).lowest).toEqual([
      { row: low, measure: 'csat', clearly: true, among: 2 },
    ]);
    expect(findHighlights([high, near, low]).lowest).toEqual([
      { row: low, measure: 'csat', clearly: false, among: 3 },
    ]);
  });

  it('calls a change "most changed" only when it is significant, largest first', () => {
    const big = row('big', 'nps', repeat({ 10: 60, 0: 40 }), repeat({ 10: 30, 0: 70 }));
    const small = row('small', 'nps', repeat({ 10: 55, 0: 45 }), repeat({ 10: 40, 0: 60 }));
    const noisy = row('noisy', 'nps', repeat({ 10: 3, 0: 1 }), repeat({ 0: 3, 10: 1 }));
    expect(big.change!.significant).toBe(true);
    expect(noisy.change!.significant).toBe(false);
    expect(Math.abs(noisy.change!.difference)).toBeGreaterThan(Math.abs(big.change!.difference));
    expect(findHighlights([small, noisy, big]).mostChanged).toEqual([{ row: big, measure: 'nps' }]);
    expect(findHighlights([noisy]).mostChanged).toEqual([]);
  });

  it("on core's sample data: support.article is the lowest CSAT, and no 28-day change is real", () => {
    const { rows } = expectedOverview(events(), '2025-02-03', '2025-03-02');
    const { lowest, mostChanged } = findHighlights(rows);
    expect(lowest.map((m) => [m.row.touchpoint, m.measure, m.clearly])).toEqual([
      ['support.article', 'csat', false],
    ]);
    expect(mostChanged).toEqual([]);
  });
});
