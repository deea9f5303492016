import { describe, expect, it } from 'vitest';
import { parseConfig } from '../schema';

const survey = (extra: Record<string, unknown> = {}) => ({
  id: 'nps-checkout',
  touchpoint: 'checkout.completed',
  question: { type: 'nps' },
  triggers: [{ type: 'event', name: 'checkout.completed' }],
  ...extra,
});

const messages = (input: unknown) => {
  const result = parseConfig(input);
  return result.ok ? [] : result.problems.map((p) => p.message);
};

describe('survey config', () => {
  it('fills in every documented default', () => {
    const result = parseConfig({ version: 1, surveys: [survey()] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fatigue).toEqual({ cooldownDays: 7, sessionCap: 1 });
    expect(result.value.appearance).toEqual({ colorScheme: 'auto', zIndex: 2147483000 });
    expect(result.value.surveys[0]).toMatchObject({
      enabled: true,
      priority: 0,
      question: { type: 'nps', id: 'score' },
      thankYou: { autoCloseMs: 3000 },
      targeting: { sampleRate: 100, visitors: 'any' },
      fatigue: { recontactDays: 90, untilAnswered: false },
      display: { placement: 'bottom-right' },
    });
  });

  it('accepts every trigger, targeting and fatigue option a product team uses', () => {
    const result = parseConfig({
      version: 1,
      defaultLocale: 'nl',
      fatigue: { cooldownDays: 0, sessionCap: 2 },
      appearance: {
        brandColor: '#0a66c2',
        radius: 12,
        fontFamily: 'Inter, sans-serif',
        colorScheme: 'dark',
        zIndex: 10,
      },
      surveys: [
        survey({
          question: {
            type: 'ces',
            points: 5,
            text: { en: 'Easy?', nl: 'Makkelijk?' },
            labels: { low: 'No', high: 'Yes' },
          },
          followUp: { bands: ['disagree', 'neutral'], text: 'Why?', maxLength: 500 },
          thankYou: { text: { en: 'Thanks', nl: 'Bedankt' }, autoCloseMs: 0 },
          triggers: [
            { type: 'event', name: 'checkout.completed', delaySeconds: 2 },
            {
              type: 'pageView',
              url: {
                include: [{ match: 'glob', value: '/products/**' }],
                exclude: [{ match: 'contains', value: 'preview' }],
              },
            },
            { type: 'routeChange', url: { include: [{ match: 'regex', value: '^/account/\\d+$' }] } },
            { type: 'click', selector: '#help' },
            { type: 'scrollDepth', percent: 50 },
            { type: 'timeOnPage', seconds: 30 },
            {
              type: 'exitIntent',
              url: { include: [{ match: 'startsWith', value: 'https://shop.example/support', on: 'url' }] },
            },
            { type: 'elementVisible', selector: '.reviews', threshold: 0.25 },
          ],
          targeting: {
            sampleRate: 25,
            attributes: [
              { key: 'plan', op: 'in', value: ['pro', 'team'] },
              { key: 'orders', op: 'atLeast', value: 3 },
              { key: 'email', op: 'exists' },
            ],
            devices: ['desktop', 'tablet'],
            locales: ['nl', 'fr-BE'],
            visitors: 'returning',
          },
          fatigue: { recontactDays: 30, untilAnswered: true, maxDisplays: 3 },
          schedule: { start: '2026-12-01T00:00:00Z', end: '2027-01-01T00:00:00+01:00' },
          priority: 10,
          display: { placement: 'inline', target: '#feedback' },
        }),
        survey({
          id: 'csat-support',
          touchpoint: 'support.article',
          question: { type: 'csat', style: 'faces' },
        }),
      ],
    });
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
  });

  it.each([
    [{ version: 2, surveys: [] }, 'version: expected 1, received 2'],
    [{ version: 1 }, 'surveys: expected a list, received nothing (the field is missing)'],
    [{ version: 1, surveys: [survey({ triggers: [] })] }, 'surveys[0].triggers: give at least one trigger'],
    [
      { version: 1, surveys: [survey(), survey()] },
      'surveys[1].id: survey id "nps-checkout" is already used by surveys[0]',
    ],
    [
      { version: 1, surveys: [survey({ followUp: { bands: ['satisfied'] } })] },
      'surveys[0].followUp.bands[0]: "satisfied" is not a band of a nps question; use detractor, passive, promoter',
    ],
    [
      { version: 1, surveys: [survey({ display: { placement: 'inline' } })] },
      'surveys[0].display.target: an inline survey needs a target selector',
    ],
    [
      {
        version: 1,
        surveys: [survey({ schedule: { start: '2027-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' } })],
      },
      'surveys[0].schedule.end: must be later than start',
    ],
    [
      {
        version: 1,
        surveys: [survey({ targeting: { attributes: [{ key: 'plan', op: 'in', value: 'pro' }] } })],
      },
      'surveys[0].targeting.attributes[0].value: "in" needs a list of values',
    ],
    [
      {
        version: 1,
        surveys: [survey({ targeting: { attributes: [{ key: 'n', op: 'atLeast', value: '3' }] } })],
      },
      'surveys[0].targeting.attributes[0].value: "atLeast" compares numbers; give a number',
    ],
    [
      {
        version: 1,
        surveys: [survey({ targeting: { attributes: [{ key: 'n', op: 'exists', value: 1 }] } })],
      },
      'surveys[0].targeting.attributes[0].value: "exists" takes no value; remove it',
    ],
    [
      { version: 1, surveys: [survey({ targeting: { sampleRate: 150 } })] },
      'surveys[0].targeting.sampleRate: expected a number of at most 100',
    ],
    [
      { version: 1, surveys: [survey({ question: { type: 'ces', points: 6 } })] },
      'surveys[0].question.points: expected 7, or 5',
    ],
    [
      { version: 1, appearance: { brandColor: 'red' }, surveys: [] },
      'appearance.brandColor: use a hex colour such as #0a66c2',
    ],
    [
      { version: 1, surveys: [survey({ question: { type: 'nps', text: { english: 'x' } } })] },
      'surveys[0].question.text',
    ],
  ])('rejects %j', (input, expected) => {
    const found = messages(input);
    expect(
      found.some((m) => m.startsWith(expected)),
      `${expected}\nnot in:\n${found.join('\n')}`,
    ).toBe(true);
  });
});
