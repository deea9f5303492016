import { describe, expect, it } from 'vitest';
import { answered } from '../../test/fixtures';
import { parseBatch, parseConfig } from '../schema';
import { closest, describeValue, formatPath } from './problem';

const minimalSurvey = {
  id: 'nps-checkout',
  touchpoint: 'checkout.completed',
  question: { type: 'nps' },
  triggers: [{ type: 'event', name: 'checkout.completed' }],
};

function problemsOf(result: { ok: boolean; problems?: readonly { message: string }[] }): string[] {
  expect(result.ok).toBe(false);
  return (result.problems ?? []).map((p) => p.message);
}

describe('validation problems in plain words', () => {
  it('names the path, what was expected and what was received', () => {
    const batch = {
      sentAt: '2026-11-20T10:00:00Z',
      events: [{ ...answered(11), answers: [{ questionId: 'score', type: 'nps', value: 11 }] }],
    };
    const result = parseBatch(batch);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'events[0].answers[0].value',
        expected: 'a number of at most 10',
        received: '11',
        message: 'events[0].answers[0].value: expected a number of at most 10, received 11',
      },
    ]);
  });

  it.each([
    [7.5, 'events[0].answers[0].value: expected a whole number, received 7.5'],
    ['7', 'events[0].answers[0].value: expected a whole number, received "7" (text)'],
    [-1, 'events[0].answers[0].value: expected a number of at least 0, received -1'],
    [null, 'events[0].answers[0].value: expected a whole number, received null'],
  ])('NPS value %j', (value, message) => {
    const result = parseBatch({
      sentAt: '2026-11-20T10:00:00Z',
      events: [{ ...answered(1), answers: [{ questionId: 'score', type: 'nps', value }] }],
    });
    expect(problemsOf(result)).toEqual([message]);
  });

  it('suggests the field that was meant for an unknown field', () => {
    const { triggers, ...rest } = minimalSurvey;
    const result = parseConfig({ version: 1, surveys: [{ ...rest, trigers: triggers, triggers }] });
    expect(problemsOf(result)).toEqual([
      'surveys[0].trigers: unknown field "trigers"; did you mean "triggers"?',
    ]);
  });

  it('names unknown fields inside a discriminated union option', () => {
    const result = parseConfig({
      version: 1,
      surveys: [{ ...minimalSurvey, triggers: [{ type: 'scrollDepth', percnt: 50 }] }],
    });
    expect(problemsOf(result)).toContain(
      'surveys[0].triggers[0].percnt: unknown field "percnt"; did you mean "percent"?',
    );
    expect(problemsOf(result)).toContain(
      'surveys[0].triggers[0].percent: expected a number, received nothing (the field is missing)',
    );
  });

  it('lists the allowed values of a wrong discriminator', () => {
    const result = parseConfig({ version: 1, surveys: [{ ...minimalSurvey, question: { type: 'npss' } }] });
    expect(problemsOf(result)).toEqual([
      'surveys[0].question.type: expected one of "nps", "ces" or "csat", received "npss" (text)',
    ]);
  });

  it('explains formats, enums and custom rules', () => {
    const result = parseConfig({
      version: 1,
      surveys: [
        {
          ...minimalSurvey,
          id: 'bad id!',
          display: { placement: 'top' },
          triggers: [{ type: 'click', selector: 'a', url: { include: [{ match: 'regex', value: '(' }] } }],
        },
      ],
    });
    const messages = problemsOf(result);
    expect(messages).toContain(
      'surveys[0].id: use letters, digits and . _ : - only, starting with a letter or digit (e.g. checkout.completed), received "bad id!" (text)',
    );
    expect(messages).toContain(
      'surveys[0].display.placement: expected one of "bottom-right", "bottom-left", "modal" or "inline", received "top" (text)',
    );
    expect(messages).toContain(
      'surveys[0].triggers[0].url.include[0].value: is not a valid regular expression, received "(" (text)',
    );
  });

  it('describes the root and wrong top-level types', () => {
    expect(problemsOf(parseBatch([]))).toEqual(['(root): expected an object, received an empty list']);
    expect(problemsOf(parseConfig('{"version":1}'))).toEqual([
      '(root): expected an object, received "{\\"version\\":1}" (text)',
    ]);
  });

  it('shortens long received values', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…" (text, 100 characters)`);
    expect(describeValue([1, 2, 3])).toBe('a list of 3 items');
    expect(describeValue(undefined)).toBe('nothing');
  });

  it('formats paths and finds close keys', () => {
    expect(formatPath(['events', 3, 'answers', 0, 'value'])).toBe('events[3].answers[0].value');
    expect(formatPath([])).toBe('(root)');
    expect(closest('tuchpoint', ['touchpoint', 'triggers'])).toBe('touchpoint');
    expect(closest('zzz', ['touchpoint', 'triggers'])).toBeUndefined();
  });
});
