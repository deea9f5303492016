import { cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { CloseButton } from './close-button';

afterEach(cleanup);

describe('CloseButton', () => {
  it('is a button named in the visitor language, with a decorative icon', () => {
    const onClose = vi.fn();
    const { getByRole } = renderInShadow(<CloseButton label="Schließen" onClose={onClose} />);
    const button = getByRole('button', { name: 'Schließen' });
    expect(button.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    fireEvent.click(button);
    expect(onClose).toHaveBeenCalledOnce();
  });
});
