import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('routes', () => {
  it('round-trips a touchpoint page, including odd characters and the 5-point CES', () => {
    for (const route of [
      { page: 'touchpoint', touchpoint: 'checkout.completed', metric: 'nps', points: 7 },
      { page: 'touchpoint', touchpoint: 'a/b c#d', metric: 'csat', points: 7 },
      { page: 'touchpoint', touchpoint: 'onboarding.step3', metric: 'ces', points: 5 },
    ] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });

  it('round-trips the journey page, with and without a journey id', () => {
    for (const route of [
      { page: 'journey' },
      { page: 'journey', journey: 'buy' },
      { page: 'journey', journey: 'a/b c' },
    ] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
    expect(parseRoute('#/journey/%E0%A4%A')).toEqual({ page: 'journey' });
  });

  it('falls back to the overview for anything else', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#/touchpoint',
      '#/touchpoint/x/xyz',
      '#/touchpoint/%E0%A4%A/nps',
      '#/journey/a/b',
      '#main',
    ]) {
      expect(parseRoute(hash)).toEqual({ page: 'overview' });
    }
  });
});
