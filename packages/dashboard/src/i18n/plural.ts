/** Whether a count, already formatted for the language, is exactly one (for "1 answer" against "2 answers"). */
export const one = (formatted: string): boolean => formatted.trim() === '1';
