/**
 * Preview links from the editor (decision 0007): `?touchpoint_preview=<survey id>~<version>~<expiry>~<signature>`
 * on a page shows that survey of that config version at once as a preview — rules skipped, nothing recorded or
 * sent, like `show()`. The loader only notices the parameter (`PREVIEW_PARAM`, a few bytes every page view pays
 * for) and starts the survey runtime, which reads the token and loads the version with
 * `GET /v1/config?…&preview=TOKEN` (the server checks the signature and expiry: 403 otherwise). The token's
 * characters are all URL-safe, so it is passed on as it is.
 */

/** What the loader looks for in the address; the runtime reads the token itself (`previewOf`). */
export const PREVIEW_PARAM = 'touchpoint_preview=';

/** The preview token in a page's query string, if there is one. */
export const previewOf = (search: string) => /[?&]touchpoint_preview=([^&]+)/.exec(search)?.[1];

/**
 * GETs the config version a preview token names, without cookies, as the loader GETs the published one; a refusal
 * (403: a forged or expired token) rejects.
 */
export const fetchPreview = (
  fetch: (input: string, init?: RequestInit) => PromiseLike<Response>,
  endpoint: string,
  siteKey: string,
  token: string,
): PromiseLike<unknown> =>
  fetch(`${endpoint}/v1/config?site=${encodeURIComponent(siteKey)}&preview=${token}`, {
    credentials: 'omit',
  }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });
