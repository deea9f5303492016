/**
 * The card's colours, light and dark. Every text colour is checked against every background it sits on
 * (palette.test.ts), so changing a value here cannot silently break WCAG AA contrast.
 */

export interface Palette {
  /** Card background. */
  readonly bg: string;
  /** Text, and the focus ring (so the ring always contrasts with the card). */
  readonly fg: string;
  /** Secondary text (scale end labels, placeholder), the close icon and the text box border. */
  readonly muted: string;
  /** Background of an unselected scale option and of hovered buttons. */
  readonly option: string;
  /** Hairlines: the card and option borders. */
  readonly line: string;
}

export const PALETTE: { readonly light: Palette; readonly dark: Palette } = {
  light: { bg: '#ffffff', fg: '#1f2328', muted: '#59636e', option: '#f6f8fa', line: '#d1d9e0' },
  dark: { bg: '#1c2128', fg: '#f0f6fc', muted: '#9ea7b3', option: '#2d333b', line: '#3d444d' },
};

/** Buttons and the selected score, when the config sets no `appearance.brandColor`. */
export const DEFAULT_BRAND = '#2563eb';
