/**
 * Preview links from the editor: `?touchpoint_preview=TOKEN` on a page loads the token's config version (the
 * server checks the signature and expiry) and shows its survey at once as a preview — rules skipped, nothing
 * recorded or sent, like `show()`. Only the survey id is read here; the token is the server's to trust.
 */
export interface PreviewLink {
  readonly token: string;
  readonly surveyId: string;
}

export function previewOf(href: string): PreviewLink | undefined {
  try {
    const token = new URL(href).searchParams.get('touchpoint_preview');
    const id = token && JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).id;
    return typeof id === 'string' ? { token: token!, surveyId: id } : undefined;
  } catch {
    return undefined;
  }
}
