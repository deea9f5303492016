/**
 * The browser's config parser must agree with core's zod schema: same verdict, same output (defaults filled in)
 * on a table of valid and invalid configs. zod runs here, in the test, never in a browser bundle.
 */
import { parseConfig } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/runtime/validate/read-config';

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

const invalid: [string, unknown][] = [
  ['not an object', 'config'],
  ['null', null],
  ['an array', []],
  ['version 2', config([], { version: 2 })],
  ['unknown top-level field', config([], { extra: true })],
  ['unknown survey field', config([survey({ colour: 'red' })])],
  ['bad survey id', config([survey({ id: 'has space' })])],
  ['duplicate ids', config([survey(), survey()])],
  ['no triggers', config([survey({ triggers: [] })])],
  ['unknown trigger', config([survey({ triggers: [{ type: 'hover' }] })])],
  ['click without selector', config([survey({ triggers: [{ type: 'click' }] })])],
  ['scroll 0%', config([survey({ triggers: [{ type: 'scrollDepth', percent: 0 }] })])],
  ['delay over an hour', config([survey({ triggers: [{ type: 'event', name: 'x', delaySeconds: 3601 }] })])],
  [
    'bad regex rule',
    config([
      survey({ triggers: [{ type: 'pageView', url: { include: [{ match: 'regex', value: '(' }] } }] }),
    ]),
  ],
  ['unknown question type', config([survey({ question: { type: 'stars' } })])],
  ['nps with points', config([survey({ question: { type: 'nps', points: 5 } })])],
  ['ces with 6 points', config([survey({ question: { type: 'ces', points: 6 } })])],
  ['band of another metric', config([survey({ followUp: { bands: ['agree'] } })])],
  ['10 MB string', config([survey({ question: { type: 'nps', text: 'x'.repeat(10_000_000) } })])],
  ['empty localized map', config([survey({ question: { type: 'nps', text: {} } })])],
  ['bad locale key', config([survey({ question: { type: 'nps', text: { english: 'Hi' } } })])],
  [
    'in needs a list',
    config([survey({ targeting: { attributes: [{ key: 'plan', op: 'in', value: 'pro' }] } })]),
  ],
  [
    'exists takes no value',
    config([survey({ targeting: { attributes: [{ key: 'a', op: 'exists', value: 1 }] } })]),
  ],
  [
    'atLeast on text',
    config([survey({ targeting: { attributes: [{ key: 'a', op: 'atLeast', value: 'x' }] } })]),
  ],
  ['unknown device', config([survey({ targeting: { devices: ['watch'] } })])],
  ['sample 101', config([survey({ targeting: { sampleRate: 101 } })])],
  [
    'schedule backwards',
    config([survey({ schedule: { start: '2027-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' } })]),
  ],
  ['schedule without offset', config([survey({ schedule: { start: '2027-01-01T00:00:00' } })])],
  ['inline without target', config([survey({ display: { placement: 'inline' } })])],
  ['priority 7.5', config([survey({ priority: 7.5 })])],
  ['NaN cooldown', config([], { fatigue: { cooldownDays: Number.NaN } })],
  ['bad colour', config([], { appearance: { brandColor: 'blue' } })],
  ['101 surveys', config(Array.from({ length: 101 }, (_, i) => survey({ id: `s${i}` })))],
];

describe('readConfig agrees with core’s TouchpointConfigSchema', () => {
  it.each(valid)('accepts %s with the same output, defaults filled in', (_, input) => {
    const ours = readConfig(input);
    const core = parseConfig(input);
    expect(core.ok).toBe(true);
    expect(ours.ok ? ours.value : ours.problems).toEqual(core.ok ? core.value : undefined);
  });

  it.each(invalid)('rejects %s, naming where', (_, input) => {
    const ours = readConfig(input);
    expect(parseConfig(input).ok).toBe(false);
    expect(ours.ok).toBe(false);
    if (!ours.ok) {
      expect(ours.problems.length).toBeGreaterThan(0);
      for (const problem of ours.problems) expect(problem.message).toMatch(/^\S.*: /);
    }
  });

  it('names the field of each problem', () => {
    const result = readConfig(config([survey({ triggers: [{ type: 'click', selector: 3 }] })]));
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['surveys[0].triggers[0].selector']);
  });
});
