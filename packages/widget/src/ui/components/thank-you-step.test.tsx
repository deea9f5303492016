import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { ThankYouStep } from './thank-you-step';

afterEach(cleanup);

describe('ThankYouStep', () => {
  it('is a status message that can take focus but is not a tab stop', () => {
    const { getByRole } = renderInShadow(<ThankYouStep text="Merci !" />);
    const status = getByRole('status');
    expect([status.textContent, status.tabIndex]).toEqual(['Merci !', -1]);
  });
});
