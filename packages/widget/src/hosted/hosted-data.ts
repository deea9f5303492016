/**
 * What the server puts in a hosted survey page (`GET /s/{surveyId}`) for `touchpoint-hosted.js`: a JSON data
 * block (`<script type="application/json" id="touchpoint-hosted">`, never executed, so the page keeps a strict
 * CSP without inline script). The server checked every field; the page only reads them.
 */
import type { Answer, Appearance, Attributes, Channel, Survey } from '@touchpoint/core';

export interface HostedData {
  /** The site's public key: the ingest URL's `?site=`. */
  readonly siteKey: string;
  /** Base URL of the ingest (the server's own origin). */
  readonly endpoint: string;
  /** The survey, defaults filled in, as the site's config defines it. */
  readonly survey: Survey;
  readonly appearance: Appearance;
  readonly locale: string;
  /** `link`, `email` or `qr`. */
  readonly channel: Exclude<Channel, 'web'>;
  /** Personal links: the response this link answers (the same on every opening: one response per link). */
  readonly responseId?: string;
  readonly userId?: string;
  readonly attributes?: Attributes;
  /** A score chosen before the page opened (a score button of an e-mail): pre-selected, never sent by itself. */
  readonly score?: number;
  /** Personal links opened again: the answer given before, shown so it can be changed. */
  readonly previous?: { readonly answers: readonly Answer[] };
  /** Words of the page around the card, in the page's locale. */
  readonly words: {
    readonly previous: string;
    readonly confirm: string;
    readonly closed: string;
  };
}

export const HOSTED_DATA_ID = 'touchpoint-hosted';
export const HOSTED_CARD_ID = 'touchpoint-card';
