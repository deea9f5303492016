import { cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { survey } from '../../../test/ui/survey-fixture';
import { cardContent } from '../card-content';
import { FollowUpStep } from './follow-up-step';

afterEach(cleanup);

describe('FollowUpStep', () => {
  it('labels the text box with the follow-up question and reports input, Skip and Send', () => {
    const handlers = {
      onInput: vi.fn(),
      onSkip: vi.fn(),
      onSend: vi.fn(),
      onSelect: vi.fn(),
      onChoose: vi.fn(),
    };
    const content = cardContent(survey({ followUp: { text: 'Why?', placeholder: 'Optional' } }), 'fr');
    const { getByRole } = renderInShadow(
      <FollowUpStep content={content} text="" selected={9} maxLength={200} {...handlers} />,
    );
    const box = getByRole('textbox', { name: 'Why?' }) as HTMLTextAreaElement;
    expect([box.placeholder, box.maxLength]).toEqual(['Optional', 200]);
    fireEvent.input(box, { target: { value: 'Trop lent' } });
    fireEvent.click(getByRole('button', { name: 'Passer' }));
    fireEvent.click(getByRole('button', { name: 'Envoyer' }));
    expect(handlers.onInput).toHaveBeenCalledWith('Trop lent');
    expect(handlers.onSkip).toHaveBeenCalledOnce();
    expect(handlers.onSend).toHaveBeenCalledOnce();
  });

  it('shows the score chosen on its scale, and a click on another changes it', () => {
    const handlers = {
      onInput: vi.fn(),
      onSkip: vi.fn(),
      onSend: vi.fn(),
      onSelect: vi.fn(),
      onChoose: vi.fn(),
    };
    const content = cardContent(survey({ followUp: {} }), 'en');
    const { getByRole } = renderInShadow(
      <FollowUpStep content={content} text="" selected={9} maxLength={200} {...handlers} />,
    );
    const group = getByRole('radiogroup', { name: content.question });
    expect(group.querySelector('[aria-checked=true]')?.textContent).toBe('9');
    fireEvent.click(getByRole('radio', { name: '7' }));
    expect(handlers.onChoose).toHaveBeenCalledWith(7);
  });
});
