import { describe, expect, it } from 'vitest';
import { survey } from '../../test/fixtures';
import type { SurveyInput } from '../config/survey.schema';
import { type DisplayInput, evaluateDisplay, type Reason } from './display';
import { explainReason } from './explain-reason';
import { DAY_MS } from './fatigue';
import { selectSurvey } from './priority';
import { fnv1a32 } from './sampling';
import type { TriggerOccurrence } from './trigger-match';
import { emptyHistory, recordInHistory } from './visitor-history';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function input(
  overrides: Partial<DisplayInput['context']> = {},
  rest: Partial<Omit<DisplayInput, 'context'>> = {},
): DisplayInput {
  return {
    context: {
      url: 'https://shop.example/checkout/thanks',
      occurrence: { type: 'event', name: 'checkout.completed' },
      visitorId: 'visitor-1',
      attributes: {},
      device: 'desktop',
      locale: 'en-GB',
      returning: false,
      ...overrides,
    },
    history: emptyHistory(),
    fatigue: { cooldownDays: 7, sessionCap: 1 },
    now: NOW,
    hash: fnv1a32,
    ...rest,
  };
}

const failing = (decision: ReturnType<typeof evaluateDisplay>) => decision.reasons.filter((r) => !r.pass);
/** The reasons as a debug view shows them: rule, verdict and the words of `explainReason`. */
const words = (reasons: readonly Reason[]) =>
  reasons.map((r) => ({ rule: r.rule, pass: r.pass, message: explainReason(r) }));

describe('display rules', () => {
  it('shows when every rule passes, and lists why', () => {
    const decision = evaluateDisplay(survey(), input());
    expect(decision.show).toBe(true);
    expect(decision.reasons.map((r) => r.rule)).toEqual(
      expect.arrayContaining([
        'enabled',
        'schedule',
        'trigger',
        'url',
        'sampling',
        'device',
        'locale',
        'visitor',
        'attributes',
        'fatigue',
        'cooldown',
      ]),
    );
    expect(explainReason(decision.reasons.find((r) => r.rule === 'trigger')!)).toBe(
      'event "checkout.completed" fires its trigger event "checkout.completed"',
    );
  });

  it.each<[string, Parameters<typeof survey>[0], Partial<DisplayInput['context']>, string, string]>([
    ['disabled', { enabled: false }, {}, 'enabled', 'survey is disabled in the config'],
    [
      'another event',
      {},
      { occurrence: { type: 'event', name: 'cart.viewed' } },
      'trigger',
      'event "cart.viewed" does not fire any of its triggers (event "checkout.completed")',
    ],
    [
      'an excluded page',
      {
        triggers: [
          {
            type: 'event',
            name: 'checkout.completed',
            url: { exclude: [{ match: 'contains', value: 'thanks' }] },
          },
        ],
      },
      {},
      'url',
      'page /checkout/thanks is excluded by path contains "thanks"',
    ],
    [
      'mobile only',
      { targeting: { devices: ['mobile'] } },
      {},
      'device',
      'device desktop is not targeted (only mobile)',
    ],
    [
      'Dutch only',
      { targeting: { locales: ['nl'] } },
      {},
      'locale',
      'locale en-GB is not targeted (only nl)',
    ],
    [
      'returning only',
      { targeting: { visitors: 'returning' } },
      {},
      'visitor',
      'only returning visitors are targeted; this one is new',
    ],
    [
      'a missing attribute',
      { targeting: { attributes: [{ key: 'plan', op: 'equals', value: 'pro' }] } },
      { attributes: { plan: 'free' } },
      'attributes',
      'attribute "plan" is "free"; wanted equals "pro"',
    ],
    ['a 0 % sample', { targeting: { sampleRate: 0 } }, {}, 'sampling', 'visitor is outside the 0% sample'],
    [
      'before its start',
      { schedule: { start: '2026-12-01T00:00:00Z' } },
      {},
      'schedule',
      'scheduled to start at 2026-12-01T00:00:00Z',
    ],
    [
      'after its end',
      { schedule: { end: '2026-11-01T00:00:00Z' } },
      {},
      'schedule',
      'schedule ended at 2026-11-01T00:00:00Z',
    ],
  ])('does not show when %s', (_name, surveyInput, context, rule, message) => {
    const decision = evaluateDisplay(survey(surveyInput), input(context));
    expect(decision.show).toBe(false);
    expect(words(failing(decision))).toEqual([
      { rule, pass: false, message: expect.stringContaining(message) },
    ]);
  });

  it.each<[string, TriggerOccurrence, SurveyInput['triggers'], boolean]>([
    [
      'scroll past the depth',
      { type: 'scrollDepth', percent: 60 },
      [{ type: 'scrollDepth', percent: 50 }],
      true,
    ],
    [
      'scroll short of the depth',
      { type: 'scrollDepth', percent: 40 },
      [{ type: 'scrollDepth', percent: 50 }],
      false,
    ],
    [
      'time on page reached',
      { type: 'timeOnPage', seconds: 31 },
      [{ type: 'timeOnPage', seconds: 30 }],
      true,
    ],
    [
      'a click on the selector',
      { type: 'click', selector: '#help' },
      [{ type: 'click', selector: '#help' }],
      true,
    ],
    [
      'a click elsewhere',
      { type: 'click', selector: '#other' },
      [{ type: 'click', selector: '#help' }],
      false,
    ],
    ['exit intent', { type: 'exitIntent' }, [{ type: 'exitIntent' }], true],
    [
      'element visible',
      { type: 'elementVisible', selector: '.r' },
      [{ type: 'elementVisible', selector: '.r' }],
      true,
    ],
    ['a route change fires page view', { type: 'routeChange' }, [{ type: 'pageView' }], true],
    ['a first page view does not fire route change', { type: 'pageView' }, [{ type: 'routeChange' }], false],
  ])('trigger: %s', (_name, occurrence, triggers, show) => {
    expect(evaluateDisplay(survey({ triggers }), input({ occurrence })).show).toBe(show);
  });

  it('reports the delay of the trigger that fired', () => {
    const s = survey({ triggers: [{ type: 'event', name: 'checkout.completed', delaySeconds: 3 }] });
    expect(evaluateDisplay(s, input()).delaySeconds).toBe(3);
  });

  describe('fatigue', () => {
    const shownDaysAgo = (days: number, surveyId = 'nps-checkout') =>
      recordInHistory(emptyHistory(), surveyId, 'shown', NOW - days * DAY_MS);

    it('waits recontactDays after a display', () => {
      const s = survey({ fatigue: { recontactDays: 30 } });
      const fresh = { ...shownDaysAgo(10), sessionShown: 0 };
      const old = { ...shownDaysAgo(31), sessionShown: 0 };
      const decision = evaluateDisplay(
        s,
        input({}, { history: fresh, fatigue: { cooldownDays: 0, sessionCap: 1 } }),
      );
      expect(words(failing(decision))).toEqual([
        {
          rule: 'fatigue',
          pass: false,
          message: 'shown 10 days ago; may show again after 30 days (from 2026-12-15)',
        },
      ]);
      expect(
        evaluateDisplay(s, input({}, { history: old, fatigue: { cooldownDays: 0, sessionCap: 1 } })).show,
      ).toBe(true);
    });

    it('stops after an answer when asked until answered', () => {
      let history = recordInHistory(emptyHistory(), 'nps-checkout', 'shown', NOW - 100 * DAY_MS);
      history = {
        ...recordInHistory(history, 'nps-checkout', 'answered', NOW - 100 * DAY_MS),
        sessionShown: 0,
      };
      const decision = evaluateDisplay(survey({ fatigue: { untilAnswered: true } }), input({}, { history }));
      expect(failing(decision).map(explainReason)).toEqual([
        'already answered 100 days ago; asked only until answered',
      ]);
      expect(
        evaluateDisplay(survey({ fatigue: { untilAnswered: false } }), input({}, { history })).show,
      ).toBe(true);
    });

    it('caps displays per visitor', () => {
      let history = emptyHistory();
      for (let i = 3; i > 0; i--)
        history = recordInHistory(history, 'nps-checkout', 'shown', NOW - i * 400 * DAY_MS);
      history = { ...history, sessionShown: 0 };
      const decision = evaluateDisplay(survey({ fatigue: { maxDisplays: 3 } }), input({}, { history }));
      expect(failing(decision).map(explainReason)).toEqual(['already shown 3 times; at most 3']);
    });

    it('keeps a global cooldown after any survey and a per-session cap', () => {
      const history = { ...shownDaysAgo(2, 'other-survey'), sessionShown: 0 };
      expect(failing(evaluateDisplay(survey(), input({}, { history }))).map(explainReason)).toEqual([
        'survey "other-survey" was shown 2 days ago; global cooldown of 7 days lasts until 2026-11-30',
      ]);
      const session = { ...emptyHistory(), sessionShown: 1 };
      expect(failing(evaluateDisplay(survey(), input({}, { history: session }))).map(explainReason)).toEqual([
        '1 survey(s) already shown this session; the cap is 1',
      ]);
    });
  });

  it('carries each finding as data (a code and its facts), words apart', () => {
    const decision = evaluateDisplay(survey({ targeting: { devices: ['mobile'] } }), input());
    expect(decision.reasons.find((r) => r.rule === 'device')).toEqual({
      rule: 'device',
      pass: false,
      code: 'device-not-targeted',
      facts: { device: 'desktop', devices: ['mobile'] },
    });
    expect(words(decision.reasons.filter((r) => r.pass))).toEqual([
      { rule: 'enabled', pass: true, message: 'survey is enabled' },
      { rule: 'schedule', pass: true, message: 'no schedule' },
      {
        rule: 'trigger',
        pass: true,
        message: 'event "checkout.completed" fires its trigger event "checkout.completed"',
      },
      { rule: 'url', pass: true, message: 'page /checkout/thanks: no URL rules, every page counts' },
      { rule: 'sampling', pass: true, message: 'every visitor is sampled (100%)' },
      { rule: 'locale', pass: true, message: 'any locale (this is en-GB)' },
      { rule: 'visitor', pass: true, message: 'new and returning visitors (this one is new)' },
      { rule: 'attributes', pass: true, message: 'no attribute conditions' },
      { rule: 'fatigue', pass: true, message: 'never shown to this visitor' },
      { rule: 'cooldown', pass: true, message: 'no survey shown before' },
      { rule: 'cooldown', pass: true, message: '0 of at most 1 survey(s) shown this session' },
    ]);
  });

  it('lists every failing rule, not only the first', () => {
    const decision = evaluateDisplay(
      survey({ enabled: false, targeting: { devices: ['mobile'], locales: ['fr'] } }),
      input({ occurrence: { type: 'exitIntent' } }),
    );
    expect(failing(decision).map((r) => r.rule)).toEqual(['enabled', 'trigger', 'device', 'locale']);
  });
});

describe('priority', () => {
  it('shows one survey at a time: the highest priority, then the first in the config', () => {
    const low = survey({ id: 'low', priority: 1 });
    const high = survey({ id: 'high', priority: 5 });
    const alsoHigh = survey({ id: 'also-high', priority: 5 });
    const { survey: chosen, decisions } = selectSurvey([low, high, alsoHigh], input());
    expect(chosen?.id).toBe('high');
    expect(decisions.map((d) => d.show)).toEqual([false, true, false]);
    expect(words([decisions[0]!.reasons.at(-1)!])).toEqual([
      {
        rule: 'priority',
        pass: false,
        message: '"high" shows instead (priority 5 vs 1; one survey at a time)',
      },
    ]);
    expect(decisions[0]!.reasons.at(-1)).toEqual({
      rule: 'priority',
      pass: false,
      code: 'loses',
      facts: { winner: 'high', winnerPriority: 5, priority: 1 },
    });
    expect(explainReason(decisions[1]!.reasons.at(-1)!)).toBe(
      'wins over 2 other eligible survey(s) (priority 5)',
    );
  });

  it('chooses nothing when nothing is eligible', () => {
    const { survey: chosen, decisions } = selectSurvey([survey({ enabled: false })], input());
    expect(chosen).toBeUndefined();
    expect(decisions[0]!.show).toBe(false);
  });
});
