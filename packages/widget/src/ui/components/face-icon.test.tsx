import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { FaceIcon } from './face-icon';

afterEach(cleanup);

describe('FaceIcon', () => {
  it('frowns at 1, is flat at 3 and smiles at 5 (the mouth control point moves down as the value grows)', () => {
    const mouth = (value: number) => {
      const { root } = renderInShadow(<FaceIcon value={value} />);
      const d = root.querySelector('path')!.getAttribute('d')!;
      const [, endY, controlY] = d.match(/M8 ([\d.]+) Q12 ([\d.]+)/)!.map(Number);
      return controlY! - endY!;
    };
    expect(mouth(1)).toBeLessThan(0);
    expect(mouth(3)).toBe(0);
    expect(mouth(5)).toBeGreaterThan(mouth(4));
    expect(mouth(4)).toBeGreaterThan(0);
  });
});
