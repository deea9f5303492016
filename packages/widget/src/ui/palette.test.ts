import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, textColorOn } from './contrast';
import { DEFAULT_BRAND, PALETTE } from './palette';

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe.each(['light', 'dark'] as const)('the %s palette meets WCAG 2.2 AA', (scheme) => {
  const p = PALETTE[scheme];
  it.each([
    ['text on the card', p.fg, p.bg],
    ['text on an option', p.fg, p.option],
    ['secondary text on the card', p.muted, p.bg],
    ['the close icon on its hover background', p.muted, p.option],
  ])('%s ≥ 4.5:1', (_, text, background) => {
    expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('the focus ring, the text box border and the default brand stand out from the card (≥ 3:1)', () => {
    expect(contrastRatio(p.fg, p.bg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(p.muted, p.bg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(DEFAULT_BRAND, p.bg)).toBeGreaterThanOrEqual(3);
  });
});

describe('text on the brand colour', () => {
  it('is white on the default brand, black on yellow', () => {
    expect(textColorOn(DEFAULT_BRAND)).toBe('#ffffff');
    expect(contrastRatio('#ffffff', DEFAULT_BRAND)).toBeGreaterThanOrEqual(4.5);
    expect(textColorOn('#fc0')).toBe('#000000');
  });

  it('reaches 4.5:1 on any brand colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const brand = `#${n.toString(16).padStart(6, '0')}`;
        expect(contrastRatio(textColorOn(brand), brand)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });
});
