/** Languages written right to left. The card mirrors its layout for these (see README, "Right-to-left"). */
export const RTL_LANGUAGES = ['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'ckb', 'dv', 'sd', 'ug'] as const;

/** Reading direction of a BCP 47 locale: `ar-EG` → `rtl`, `nl-BE` → `ltr`. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.toLowerCase().split('-')[0] ?? '';
  return (RTL_LANGUAGES as readonly string[]).includes(language) ? 'rtl' : 'ltr';
}
