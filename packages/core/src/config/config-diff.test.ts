import { describe, expect, it } from 'vitest';
import { describeChange, diffConfigs } from './config-diff';

const nps = { id: 'nps', touchpoint: 'checkout', question: { type: 'nps', text: { en: 'A' } } };
const ces = { id: 'ces', touchpoint: 'support', question: { type: 'ces' } };

describe('diffConfigs', () => {
  it('finds nothing between equal configs, and ignores where a file was pulled at', () => {
    expect(diffConfigs({ version: 1, surveys: [nps] }, { $version: 4, version: 1, surveys: [nps] })).toEqual(
      [],
    );
  });

  it('names a changed text by survey id and path', () => {
    const after = { ...nps, question: { type: 'nps', text: { en: 'B', nl: 'C' } } };
    expect(diffConfigs({ surveys: [nps, ces] }, { surveys: [ces, after] }).map(describeChange)).toEqual([
      '~ surveys[nps].question.text.en: "A" → "B"',
      '+ surveys[nps].question.text.nl: "C"',
    ]);
  });

  it('shows an inserted or deleted survey once, and position changes in lists without ids', () => {
    expect(diffConfigs({ surveys: [nps] }, { surveys: [ces, nps] })).toEqual([
      { path: 'surveys[ces]', kind: 'added', after: ces },
    ]);
    expect(diffConfigs({ surveys: [nps, ces] }, { surveys: [nps] })).toEqual([
      { path: 'surveys[ces]', kind: 'removed', before: ces },
    ]);
    expect(
      diffConfigs({ t: [{ type: 'a' }] }, { t: [{ type: 'b' }, { type: 'c' }] }).map(describeChange),
    ).toEqual(['~ t[0].type: "a" → "b"', '+ t[1]: {"type":"c"}']);
  });
});
