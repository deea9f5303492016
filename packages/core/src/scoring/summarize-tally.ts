import { type CesSummary, summarizeCes } from './ces';
import { type CsatSummary, summarizeCsat } from './csat';
import { type NpsSummary, summarizeNps } from './nps';
import type { Tally } from './tally';

export type ScoreSummary = NpsSummary | CesSummary | CsatSummary;

/** The score, interval, n, small-sample flag and distribution of a tally, by its metric's definition. */
export function summarizeTally(tally: Tally): ScoreSummary {
  switch (tally.metric) {
    case 'nps':
      return summarizeNps(tally);
    case 'csat':
      return summarizeCsat(tally);
    case 'ces':
      return summarizeCes(tally);
  }
}
