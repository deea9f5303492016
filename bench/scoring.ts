/**
 * Scoring throughput: how many wire events per second core's `summarizeEvents` turns into per-touchpoint rows,
 * and how many tallies per second merge (the server's range queries are sums of daily tallies).
 */
import { mergeTallies, summarizeEvents, type Tally, tallyOf } from '@touchpoint/core';
import { generateSampleEvents, seededRandom } from '@touchpoint/core/sample';

export interface ScoringFigures {
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly tallyMergesPerSecond: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function measureScoring(runs = 5): ScoringFigures {
  const events = generateSampleEvents({
    random: seededRandom(1),
    start: Date.parse('2026-01-05T00:00:00Z'),
    weeks: 26,
  });
  summarizeEvents(events); // warm-up
  const eventTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    summarizeEvents(events);
    eventTimes.push(performance.now() - started);
  }
  const tallies: Tally[] = Array.from({ length: 1000 }, (_, i) => tallyOf('nps', [i % 11, (i * 7) % 11, 10]));
  const mergeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    tallies.reduce(mergeTallies);
    mergeTimes.push(performance.now() - started);
  }
  return {
    events: events.length,
    eventsPerSecond: Math.round(events.length / (median(eventTimes) / 1000)),
    tallyMergesPerSecond: Math.round(tallies.length / (median(mergeTimes) / 1000)),
  };
}
