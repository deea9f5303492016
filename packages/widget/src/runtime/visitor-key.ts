/** Where a site's visitor record is stored: one key per site key, so two sites on one page never share it. */
export const visitorKey = (siteKey: string) => `touchpoint:${siteKey}:visitor`;
