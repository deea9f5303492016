/**
 * Preview links from the editor: `?touchpoint_preview=<survey id>~<version>~<expiry>~<signature>` on a page loads
 * that config version with `GET /v1/config?…&preview=TOKEN` (the server checks the signature and expiry) and
 * shows the survey at once as a preview — rules skipped, nothing recorded or sent, like `show()`. The token's
 * characters are all URL-safe, so it is passed on as it is.
 */
export const previewOf = (search: string) => /[?&]touchpoint_preview=([^&]+)/.exec(search)?.[1];
