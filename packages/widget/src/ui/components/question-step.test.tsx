import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { survey } from '../../../test/ui/survey-fixture';
import { cardContent } from '../card-content';
import { QuestionStep } from './question-step';

afterEach(cleanup);

describe('QuestionStep', () => {
  it('names the scale by the question and shows the end labels (hidden from AT: they are in the option names)', () => {
    const content = cardContent(survey({ question: { type: 'ces', points: 5 } }), 'de');
    const { getByRole, getAllByRole, root } = renderInShadow(
      <QuestionStep content={content} selected={undefined} onSelect={() => {}} onChoose={() => {}} />,
    );
    expect(
      getByRole('radiogroup', { name: 'Es war einfach, das zu erledigen, weswegen ich hier bin.' }),
    ).toBeTruthy();
    expect(getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual([
      '1, Stimme überhaupt nicht zu',
      '2',
      '3',
      '4',
      '5, Stimme voll und ganz zu',
    ]);
    const ends = root.querySelector('.e')!;
    expect([ends.getAttribute('aria-hidden'), ends.textContent]).toEqual([
      'true',
      'Stimme überhaupt nicht zuStimme voll und ganz zu',
    ]);
  });
});
