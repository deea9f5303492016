import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { StarIcon } from './star-icon';

afterEach(cleanup);

describe('StarIcon', () => {
  it('is decorative: the option button carries the name', () => {
    const { root } = renderInShadow(<StarIcon />);
    expect(root.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('path')?.getAttribute('d')).toMatch(/^M12 2\.8/);
  });
});
