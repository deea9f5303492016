import { describe, expect, it } from 'vitest';
import { parseConfig } from '../schema';

const base = {
  version: 1,
  surveys: [
    {
      id: 'nps-checkout',
      touchpoint: 'checkout.completed',
      question: { type: 'nps' },
      triggers: [{ type: 'event', name: 'checkout.completed' }],
    },
  ],
};
const problems = (extra: Record<string, unknown>) => {
  const result = parseConfig({ ...base, ...extra });
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('segment attributes, follow-up bands and journeys in the config', () => {
  it('accepts them at the top level', () => {
    const result = parseConfig({
      ...base,
      segmentAttributes: ['plan', 'country'],
      followUp: { nps: 5, dropPercent: 40 },
      journeys: [
        {
          id: 'buy',
          name: 'Buying',
          stages: [
            { name: 'Discover', touchpoints: ['product.page'] },
            { name: 'Pay', touchpoints: ['checkout.completed'] },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.segmentAttributes).toEqual(['plan', 'country']);
  });

  it('bounds segment attributes to 5 distinct names', () => {
    expect(problems({ segmentAttributes: ['a', 'b', 'c', 'd', 'e', 'f'] }).join()).toMatch(
      /segmentAttributes/,
    );
    expect(problems({ segmentAttributes: ['plan', 'plan'] }).join()).toMatch(/name each attribute once/);
    expect(problems({ segmentAttributes: ['no spaces'] }).join()).toMatch(/segmentAttributes/);
  });

  it('refuses a follow-up band off its scale and duplicate journey ids', () => {
    expect(problems({ followUp: { nps: 11 } }).join()).toMatch(/followUp/);
    const journey = { id: 'buy', name: 'Buying', stages: [{ name: 'A', touchpoints: ['a'] }] };
    expect(problems({ journeys: [journey, journey] }).join()).toMatch(/journey ids must be unique/);
    expect(problems({ journeys: [{ ...journey, stages: [] }] }).join()).toMatch(/journeys/);
  });
});
