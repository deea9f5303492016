import { describe, expect, it } from 'vitest';
import { parseBatch } from '../schema';
import { summarizeEvents } from '../scoring/summarize-events';
import { generateSampleEvents, SAMPLE_TOUCHPOINTS, seededRandom } from './sample-events';

const start = Date.parse('2026-10-01T00:00:00Z');

describe('sample events', () => {
  it('are valid wire events, the same for the same seed', () => {
    const events = generateSampleEvents({ random: seededRandom(7), start, weeks: 2 });
    expect(generateSampleEvents({ random: seededRandom(7), start, weeks: 2 })).toEqual(events);
    for (let i = 0; i < events.length; i += 100) {
      const result = parseBatch({ sentAt: new Date(start).toISOString(), events: events.slice(i, i + 100) });
      expect(result.ok ? [] : result.problems.slice(0, 3)).toEqual([]);
    }
  });

  it('cover every demo touchpoint with a plausible response rate', () => {
    const rows = summarizeEvents(generateSampleEvents({ random: seededRandom(1), start, weeks: 6 }));
    expect(rows.map((r) => r.touchpoint).sort()).toEqual(SAMPLE_TOUCHPOINTS.map((t) => t.touchpoint).sort());
    for (const row of rows) {
      expect(row.responseRate).toBeGreaterThan(0.1);
      expect(row.responseRate).toBeLessThan(0.8);
    }
    expect(rows.find((r) => r.touchpoint === 'product.page')!.smallSample).toBe(true);
  });
});
