import { cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { survey } from '../../../test/ui/survey-fixture';
import { cardContent } from '../card-content';
import { createSurveyState } from '../survey-state';
import { SurveyCard } from './survey-card';

afterEach(cleanup);

function card(placement: 'bottom-right' | 'inline' | 'modal') {
  const callbacks = {
    onShown: vi.fn(),
    onAnswered: vi.fn(),
    onCompleted: vi.fn(),
    onDismissed: vi.fn(),
    onClosed: vi.fn(),
  };
  const s = survey({ display: { placement, target: '#x' } });
  const state = createSurveyState(s, callbacks, () => {});
  const view = renderInShadow(
    <SurveyCard
      state={state}
      content={cardContent(s, 'en')}
      placement={placement}
      colorScheme="light"
      locale="en"
      maxLength={1000}
    />,
  );
  return { ...view, callbacks };
}

describe('SurveyCard', () => {
  it('is a non-modal dialog as a popover, a modal dialog as a modal, a region inline', () => {
    expect(card('bottom-right').getByRole('dialog').hasAttribute('aria-modal')).toBe(false);
    cleanup();
    expect(card('modal').getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    cleanup();
    expect(card('inline').getByRole('region', { name: /recommend/ })).toBeTruthy();
  });

  it('Escape and the close button dismiss', () => {
    const { getByRole, callbacks } = card('bottom-right');
    fireEvent.keyDown(getByRole('radio', { name: '3' }), { key: 'Escape' });
    expect(callbacks.onDismissed).toHaveBeenCalledOnce();
    expect(callbacks.onClosed).toHaveBeenCalledOnce();
  });
});
