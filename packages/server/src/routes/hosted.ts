/**
 * Hosted survey pages (decisions/0012): `GET /s/{surveyId}?site=pk_…[&channel=qr][&score=N][&lang=nl]` for an
 * anonymous link (a QR code at a counter, a link in a newsletter), and `GET /s/{surveyId}?t=TOKEN[&score=N]` for
 * a signed personal link (`channels/link-token.ts`). The page is a few lines of HTML: the survey's data in a
 * JSON block that never runs, the widget's `touchpoint-hosted.js` (its own survey card, inline) and a small style
 * sheet, under a strict CSP with no inline script or style. The card's answers go through the collector to
 * `POST /v1/events` of this server with the page's channel.
 *
 * A GET here never stores anything: a score in the URL (an e-mail's score button) only pre-selects it, and the
 * page sends nothing until the visitor acts on it (link scanners follow every link of an e-mail). A tampered or
 * expired personal link gets a page that says so (400 / 410), with no survey and no script.
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Channel, isOnScale, type Survey, scaleOf } from '@touchpoint/core';
import { LocaleSchema, validate } from '@touchpoint/core/schema';
import type { Context, Hono } from 'hono';
import { type HostedWords, wordsFor } from '../channels/hosted-words';
import { type LinkClaims, verifyLink } from '../channels/link-token';
import type { Clock } from '../limits';
import type { Site } from '../sites/site';
import type { Store } from '../store/store';

/** The policy of a hosted page: its own script, style sheet and ingest only; never framed. */
export const HOSTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const HOSTED_SCRIPT_NAME = 'touchpoint-hosted.js';

/** The widget's build of the hosted page script, when the widget package is installed beside the server. */
export function defaultHostedScript(): string | null {
  try {
    const widget = dirname(createRequire(import.meta.url).resolve('@touchpoint/widget/package.json'));
    return join(widget, 'dist', HOSTED_SCRIPT_NAME);
  } catch {
    return null;
  }
}

const PAGE_CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f4f5;color:#18181b}
main{max-width:34rem;margin:0 auto;padding:max(1rem,env(safe-area-inset-top)) 1rem 2rem}
#touchpoint-card{margin-top:1rem}
.note{margin:1rem 0 0;padding:.75rem 1rem;border-radius:.5rem;background:#fff;border:1px solid #d4d4d8}
button.confirm{display:block;width:100%;min-height:48px;margin-top:1rem;font:inherit;font-weight:600;border:0;border-radius:.5rem;background:#18181b;color:#fff;cursor:pointer}
h1{font-size:1.25rem;margin:2rem 0 .5rem}
@media (prefers-color-scheme:dark){body{background:#18181b;color:#f4f4f5}.note{background:#27272a;border-color:#3f3f46}button.confirm{background:#f4f4f5;color:#18181b}}
[hidden]{display:none!important}
`;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
/** JSON safe inside a `<script type="application/json">` block: no `<` can close it. */
const jsonBlock = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface HostedRoutesOptions {
  readonly store: Store;
  readonly sites: readonly Site[];
  readonly clock: Clock;
  /** The built `touchpoint-hosted.js`; null when the widget is not installed (the page then says so). */
  readonly hostedScript: string | null;
}

const HEADERS = {
  'Content-Security-Policy': HOSTED_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function shell(lang: string, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/s/assets/hosted.css">
${head}</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A page that shows only a message: a refused or unknown link. */
function messagePage(c: Context, status: 400 | 404 | 410, lang: string, title: string, text: string) {
  return c.html(
    shell(lang, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`),
    status,
    HEADERS,
  );
}

export function registerHostedRoutes(app: Hono, options: HostedRoutesOptions): void {
  const { store, sites, clock, hostedScript } = options;
  const byPublicKey = new Map(sites.map((site) => [site.publicKey, site]));
  const byId = new Map(sites.map((site) => [site.id, site]));

  app.get('/s/assets/hosted.css', (c) =>
    c.body(PAGE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    }),
  );
  app.get(`/s/assets/${HOSTED_SCRIPT_NAME}`, async (c) => {
    let body: Buffer | undefined;
    if (hostedScript !== null) body = await readFile(hostedScript).catch(() => undefined);
    if (body === undefined) {
      return c.json(
        {
          ok: false,
          error: {
            code: 'widget_not_built',
            message: 'The hosted page script is not built: run `pnpm --filter @touchpoint/widget build`.',
          },
        },
        503,
      );
    }
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.get('/s/:surveyId', async (c) => {
    const surveyId = c.req.param('surveyId');
    const token = c.req.query('t');
    const lang = c.req.query('lang');
    let site: Site | undefined;
    let channel: Exclude<Channel, 'web'> = 'link';
    let claims: LinkClaims | undefined;

    if (token !== undefined) {
      const checked = verifyLink(token, sites, surveyId, clock.now());
      const words = wordsFor(lang ?? 'en');
      if (!checked.ok) {
        return checked.reason === 'expired'
          ? messagePage(c, 410, lang ?? 'en', words.expiredTitle, words.expired)
          : messagePage(c, 400, lang ?? 'en', words.invalidTitle, words.invalid);
      }
      claims = checked.claims;
      site = byId.get(claims.site);
      channel = claims.channel;
    } else {
      site = byPublicKey.get(c.req.query('site') ?? '');
      const asked = c.req.query('channel');
      if (asked === 'qr' || asked === 'email' || asked === 'link') channel = asked;
    }
    const survey: Survey | undefined = site?.config.surveys.find((s) => s.id === surveyId && s.enabled);
    const locale =
      lang !== undefined && validate(LocaleSchema, lang).ok ? lang : (site?.config.defaultLocale ?? 'en');
    const words: HostedWords = wordsFor(locale);
    if (site === undefined || survey === undefined) {
      return messagePage(c, 404, locale, words.missingTitle, words.missing);
    }

    const scoreText = c.req.query('score');
    const points = survey.question.type === 'ces' ? survey.question.points : 7;
    const scoreValue = scoreText !== undefined && /^\d{1,2}$/.test(scoreText) ? Number(scoreText) : undefined;
    const score =
      scoreValue !== undefined && isOnScale(scoreValue, scaleOf(survey.question.type, points))
        ? scoreValue
        : undefined;
    const previous = claims === undefined ? [] : await store.responseAnswers(site.id, claims.responseId);

    const data = {
      siteKey: site.publicKey,
      endpoint: new URL(c.req.url).origin,
      survey,
      appearance: site.config.appearance,
      locale,
      channel,
      ...(claims === undefined
        ? {}
        : {
            responseId: claims.responseId,
            ...(claims.userId === undefined ? {} : { userId: claims.userId }),
            ...(claims.attributes === undefined ? {} : { attributes: claims.attributes }),
          }),
      ...(score === undefined ? {} : { score }),
      ...(previous.length === 0 ? {} : { previous: { answers: previous } }),
      words: { previous: words.previous, confirm: words.confirm, closed: words.closed },
    };
    const head =
      `<script type="application/json" id="touchpoint-hosted">${jsonBlock(data)}</script>\n` +
      `<script src="/s/assets/${HOSTED_SCRIPT_NAME}" defer></script>\n`;
    const body = [
      `<p id="touchpoint-previous" class="note" hidden></p>`,
      `<div id="touchpoint-card"></div>`,
      `<button type="button" id="touchpoint-confirm" class="confirm" hidden>${escapeHtml(words.confirm)}</button>`,
      `<p id="touchpoint-closed" class="note" hidden>${escapeHtml(words.closed)}</p>`,
      `<noscript><p class="note">${escapeHtml(words.noScript)}</p></noscript>`,
    ].join('\n');
    return c.html(shell(locale, words.title, body, head), 200, HEADERS);
  });
}
