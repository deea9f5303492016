/**
 * The survey chunk checks a config's structure only and fills in core's defaults (decisions/0004); debug mode
 * checks it in full with core's schemas. On every valid config the guard's output is exactly core's.
 */
import { parseConfig } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../../src/runtime/validate/check-config';
import { guardConfig } from '../../src/runtime/validate/guard-config';

const survey = (extra: Record<string, unknown> = {}) => ({
  id: 'nps-checkout',
  touchpoint: 'checkout.completed',
  question: { type: 'nps' },
  triggers: [{ type: 'event', name: 'checkout.completed' }],
  ...extra,
});
const config = (surveys: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  surveys,
  ...extra,
});

const valid: [string, unknown][] = [
  ['minimal', config([survey()])],
  ['no surveys', config([])],
  [
    'every field',
    config(
      [
        survey({
          enabled: false,
          question: {
            type: 'ces',
            id: 'effort',
            text: { en: 'Easy?', 'nl-BE': 'Makkelijk?' },
            points: 5,
            labels: { low: 'Hard', high: 'Easy' },
          },
          followUp: {
            id: 'why',
            text: 'Why?',
            placeholder: { en: 'Tell us' },
            bands: ['disagree'],
            maxLength: 200,
          },
          thankYou: { text: 'Thanks', autoCloseMs: 0 },
          triggers: [
            {
              type: 'pageView',
              url: {
                include: [{ match: 'glob', value: '/shop/**' }],
                exclude: [{ match: 'regex', value: '^/shop/admin', on: 'url' }],
              },
            },
            { type: 'routeChange', delaySeconds: 2 },
            { type: 'click', selector: '#buy' },
            { type: 'scrollDepth', percent: 50 },
            { type: 'timeOnPage', seconds: 30 },
            { type: 'exitIntent' },
            { type: 'elementVisible', selector: '.footer' },
            { type: 'elementVisible', selector: '.footer', threshold: 1 },
          ],
          targeting: {
            sampleRate: 25,
            attributes: [
              { key: 'plan', op: 'in', value: ['pro', 'team'] },
              { key: 'orders', op: 'atLeast', value: 3 },
              { key: 'beta', op: 'exists' },
            ],
            devices: ['desktop', 'tablet'],
            locales: ['nl'],
            visitors: 'returning',
          },
          fatigue: { recontactDays: 30, untilAnswered: true, maxDisplays: 3 },
          schedule: { start: '2026-12-01T00:00:00Z', end: '2027-01-01T00:00:00.000+01:00' },
          priority: 10,
          display: { placement: 'inline', target: '#feedback' },
        }),
        survey({ id: 'csat', question: { type: 'csat', style: 'stars' } }),
      ],
      {
        $schema: './touchpoint-config.schema.json',
        defaultLocale: 'nl',
        fatigue: { cooldownDays: 0, sessionCap: 2 },
        appearance: {
          brandColor: '#0a66c2',
          radius: 8,
          fontFamily: 'Inter',
          colorScheme: 'dark',
          zIndex: 10,
        },
      },
    ),
  ],
];

describe('guardConfig', () => {
  it.each(valid)('fills in %s exactly as core’s TouchpointConfigSchema does', (_, input) => {
    const core = parseConfig(input);
    expect(core.ok).toBe(true);
    const guarded = guardConfig(input);
    expect(guarded.skipped).toEqual([]);
    expect(guarded.config).toEqual(core.ok ? core.value : undefined);
  });

  it.each([
    ['not an object', 'config', 'the config'],
    ['null', null, 'the config'],
    ['an array', [], 'the config'],
    ['version 2', config([], { version: 2 }), 'version'],
    ['surveys not a list', { version: 1, surveys: { a: 1 } }, 'surveys'],
    ['appearance not an object', config([], { appearance: 'dark' }), 'appearance'],
    ['a brand colour that is not hex', config([], { appearance: { brandColor: 'red;}' } }), 'brandColor'],
  ])('refuses %s: no survey shows, and the error names the field', (_, input, field) => {
    const guarded = guardConfig(input);
    expect(guarded.config).toBeUndefined();
    expect(guarded.problem).toContain(field);
  });

  it.each([
    ['no id', { ...survey(), id: undefined }, 'id'],
    ['no touchpoint', { ...survey(), touchpoint: 3 }, 'touchpoint'],
    ['an unknown question type', survey({ question: { type: 'stars' } }), 'question.type'],
    ['triggers not a list', survey({ triggers: { type: 'pageView' } }), 'triggers'],
    ['a trigger that is not an object', survey({ triggers: ['pageView'] }), 'triggers'],
    [
      'url rules not a list',
      survey({ triggers: [{ type: 'pageView', url: { include: '/a' } }] }),
      'url.include',
    ],
    ['devices not a list', survey({ targeting: { devices: 'mobile' } }), 'targeting.devices'],
    ['bands not a list', survey({ followUp: { bands: 'detractor' } }), 'followUp.bands'],
    ['thankYou a string', survey({ thankYou: 'Thanks' }), 'thankYou'],
    ['inline without target', survey({ display: { placement: 'inline' } }), 'display.target'],
    ['a string', 'nps', 'the survey'],
  ])('leaves out a survey with %s, and keeps the others', (_, bad, field) => {
    const guarded = guardConfig(config([bad, survey({ id: 'ok' })]));
    expect(guarded.config?.surveys.map((s) => s.id)).toEqual(['ok']);
    expect(guarded.skipped).toHaveLength(1);
    expect(
      guarded.skipped[0]?.startsWith(`surveys[0]: ${field === 'url.include' ? 'triggers[].' : ''}${field}`),
    ).toBe(true);
  });

  it('leaves out a second survey with an id used before', () => {
    const guarded = guardConfig(config([survey(), survey({ touchpoint: 'again' })]));
    expect(guarded.config?.surveys.map((s) => s.touchpoint)).toEqual(['checkout.completed']);
    expect(guarded.skipped).toEqual(['surveys[1]: id (used twice) is missing or of the wrong kind']);
  });

  it('pollutes nothing through a __proto__ key', () => {
    guardConfig(JSON.parse('{"version":1,"surveys":[],"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('configProblems (debug mode: core’s schemas)', () => {
  it('finds nothing in a valid config', () => {
    for (const [, input] of valid) expect(configProblems(input)).toEqual([]);
  });
  it('names every problem the guard lets through, with its path', () => {
    const problems = configProblems(
      config([
        survey({ id: 'has space', triggers: [{ type: 'scrollDepth', percent: 0 }] }),
        survey({ id: 'b', targeting: { sampleRate: 101 } }),
      ]),
    );
    expect(problems.join('\n')).toMatch(/surveys\[0\]\.id/);
    expect(problems.join('\n')).toMatch(/surveys\[0\]\.triggers\[0\]\.percent/);
    expect(problems.join('\n')).toMatch(/surveys\[1\]\.targeting\.sampleRate/);
  });
});
