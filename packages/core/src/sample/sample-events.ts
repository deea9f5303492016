/**
 * A realistic, deterministic demo data set: wire events over several touchpoints and weeks, for the demo, the
 * server's `--seed` option, tests and benchmarks. Randomness is passed in, so a seed gives the same events.
 */
import type { Metric } from '../questions/metric';
import type { WireEvent } from '../wire/event.schema';

/** A touchpoint of the demo shop and how its visitors tend to answer. */
export interface SampleTouchpoint {
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly metric: Metric;
  /** Relative weight of each scale value (index 0 = lowest value), before the weekly drift. */
  readonly weights: readonly number[];
  /** Displays per week. */
  readonly perWeek: number;
  /** Share of displays answered, 0..1. */
  readonly answerRate: number;
  /** Added to the weight of the top values each week: positive means the touchpoint improves. */
  readonly drift: number;
  readonly path: string;
}

export const SAMPLE_TOUCHPOINTS: readonly SampleTouchpoint[] = [
  {
    touchpoint: 'checkout.completed',
    surveyId: 'nps-checkout',
    metric: 'nps',
    weights: [2, 1, 1, 2, 2, 4, 5, 8, 12, 14, 16],
    perWeek: 120,
    answerRate: 0.45,
    drift: 0.6,
    path: '/checkout/thanks',
  },
  {
    touchpoint: 'support.article',
    surveyId: 'csat-support',
    metric: 'csat',
    weights: [6, 5, 6, 10, 9],
    perWeek: 80,
    answerRate: 0.3,
    drift: -0.4,
    path: '/support/articles/returns',
  },
  {
    touchpoint: 'onboarding.step3',
    surveyId: 'ces-onboarding',
    metric: 'ces',
    weights: [1, 2, 3, 4, 8, 9, 6],
    perWeek: 40,
    answerRate: 0.5,
    drift: 0.2,
    path: '/onboarding/3',
  },
  {
    touchpoint: 'product.page',
    surveyId: 'csat-product',
    metric: 'csat',
    weights: [1, 1, 2, 4, 6],
    perWeek: 6,
    answerRate: 0.5,
    drift: 0,
    path: '/products/shoes/red',
  },
];

const REASONS: Record<'low' | 'mid' | 'high', readonly string[]> = {
  low: [
    'Delivery took far too long.',
    'The checkout asked for my address twice.',
    'Could not find the return policy.',
    'Het betalen met iDEAL mislukte twee keer.',
    'Trop de frais de livraison.',
  ],
  mid: ['Fine, nothing special.', 'Prices are OK.', 'Oké, maar de site is traag op mijn telefoon.'],
  high: [
    'Fast and easy, thank you!',
    'Great service from the support team.',
    'Super snel geleverd!',
    'Sehr einfach zu bedienen.',
  ],
};

export interface SampleOptions {
  /** Uniform random numbers in [0, 1): pass a seeded generator for repeatable data. */
  readonly random: () => number;
  /** Start of the first week, epoch ms. */
  readonly start: number;
  readonly weeks: number;
  readonly touchpoints?: readonly SampleTouchpoint[];
}

/** mulberry32: a tiny seeded generator for repeatable demo data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

const MIN: Record<Metric, number> = { nps: 0, ces: 1, csat: 1 };
const LOCALES = ['en', 'en', 'nl', 'nl', 'fr', 'de'] as const;
const DEVICES = ['desktop', 'desktop', 'mobile', 'mobile', 'tablet'] as const;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Generates the events of every display: shown, then answered and completed, or dismissed. Sorted by time. */
export function generateSampleEvents(options: SampleOptions): WireEvent[] {
  const { random, start, weeks } = options;
  const events: WireEvent[] = [];
  for (const tp of options.touchpoints ?? SAMPLE_TOUCHPOINTS) {
    for (let week = 0; week < weeks; week++) {
      const weights = tp.weights.map((w, i) =>
        Math.max(0.1, w + (i >= tp.weights.length - 2 ? tp.drift * week : -tp.drift * week * 0.3)),
      );
      for (let d = 0; d < tp.perWeek; d++) {
        const shownAt = start + week * WEEK_MS + Math.floor(random() * WEEK_MS);
        const responseId = uuidFrom(random);
        const base = {
          v: 1 as const,
          surveyId: tp.surveyId,
          touchpoint: tp.touchpoint,
          responseId,
          context: { path: tp.path, locale: pick(random, LOCALES), device: pick(random, DEVICES) },
          visitor: { id: `visitor-${Math.floor(random() * 1e9).toString(36)}` },
        };
        events.push({ ...base, id: uuidFrom(random), type: 'shown', at: new Date(shownAt).toISOString() });
        if (random() >= tp.answerRate) {
          if (random() < 0.6) {
            events.push({
              ...base,
              id: uuidFrom(random),
              type: 'dismissed',
              at: new Date(shownAt + 4000).toISOString(),
            });
          }
          continue;
        }
        const index = weighted(random, weights);
        const value = MIN[tp.metric] + index;
        const score = { questionId: 'score', type: tp.metric, value } as const;
        events.push({
          ...base,
          id: uuidFrom(random),
          type: 'answered',
          at: new Date(shownAt + 3000).toISOString(),
          answers: [score],
        });
        const band = index / (weights.length - 1);
        const answers =
          random() < 0.4
            ? [
                score,
                {
                  questionId: 'reason',
                  type: 'text' as const,
                  value: pick(random, REASONS[band < 0.5 ? 'low' : band < 0.8 ? 'mid' : 'high']),
                },
              ]
            : [score];
        events.push({
          ...base,
          id: uuidFrom(random),
          type: 'completed',
          at: new Date(shownAt + 9000).toISOString(),
          answers,
        });
      }
    }
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
