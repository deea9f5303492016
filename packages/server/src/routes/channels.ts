/**
 * The admin routes of the channels beyond the web (decisions/0012), on the admin router (admin key only):
 *
 * - `POST /v1/admin/links` `{ surveyId, userId?, attributes?, expiresAt? }` → `{ url, responseId, expiresAt }`: a
 *   signed personal link to the hosted survey page, one response per link;
 * - `GET /v1/admin/links/email?survey&user[&expires&format=html|text|json]`: the e-mail snippet of a personal link
 *   (HTML by default, `text` for the plain-text alternative, `json` for both and the link);
 * - `GET /v1/admin/qr?survey&touchpoint[&format=svg|png]`: a QR code of the anonymous hosted page with the channel
 *   `qr`, for printing at a counter (made by the `qrcode` package).
 *
 * Links are made on the origin the request came to (the server's address as the caller sees it).
 */
import { randomBytes } from 'node:crypto';
import { type Problem, timeOrderedUuid } from '@touchpoint/core';
import { AttributesSchema, IdSchema, validate } from '@touchpoint/core/schema';
import type { Context } from 'hono';
import QRCode from 'qrcode';
import * as z from 'zod/mini';
import { emailSnippet } from '../channels/email-snippet';
import { linkSecretOf, signLink } from '../channels/link-token';
import { errorBody } from '../http/error-body';
import { readJsonBody } from '../http/read-body';
import type { Clock, ServerLimits } from '../limits';
import type { Site } from '../sites/site';
import type { AdminRouter } from './admin';

/** The longest a link may live: two years. */
export const MAX_LINK_DAYS = 731;

const LinkRequestSchema = z.strictObject({
  surveyId: IdSchema,
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  attributes: z.optional(AttributesSchema),
  /** ISO 8601 with an offset, e.g. `2026-12-31T23:59:59Z`. */
  expiresAt: z.optional(z.iso.datetime({ offset: true })),
});

export interface ChannelRoutesOptions {
  readonly clock: Clock;
  readonly limits: Pick<ServerLimits, 'maxBodyBytes' | 'maxDecompressedBytes'>;
}

const problem = (path: string, expected: string, received: string | undefined): Problem => {
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  return { path, expected, received: shown, message: `${path}: expected ${expected}, received ${shown}` };
};

const invalid = (c: Context, problems: Problem[]) =>
  c.json(errorBody('invalid_parameters', problems.map((p) => p.message).join('; '), problems), 400);

export function registerChannelRoutes(admin: AdminRouter, { clock, limits }: ChannelRoutesOptions): void {
  const surveyOf = (site: Site, id: string | undefined) =>
    id === undefined ? undefined : site.config.surveys.find((survey) => survey.id === id);

  /** A signed link, or the problems that prevent one. */
  function makeLink(
    c: Context,
    site: Site,
    input: {
      surveyId: string;
      userId?: string | undefined;
      attributes?: Record<string, string | number | boolean> | undefined;
      expiresAt?: string | undefined;
    },
    channel: 'link' | 'email',
  ): { url: string; responseId: string; expiresAt: string | null } | Problem[] {
    const problems: Problem[] = [];
    if (surveyOf(site, input.surveyId) === undefined) {
      problems.push(
        problem(
          'surveyId',
          `a survey of the site's config (${site.config.surveys.map((s) => s.id).join(', ')})`,
          input.surveyId,
        ),
      );
    }
    let expiresAt: number | undefined;
    if (input.expiresAt !== undefined) {
      expiresAt = Date.parse(input.expiresAt);
      const now = clock.now();
      if (!(expiresAt > now) || expiresAt > now + MAX_LINK_DAYS * 86_400_000) {
        problems.push(
          problem('expiresAt', `a time in the future, at most ${MAX_LINK_DAYS} days ahead`, input.expiresAt),
        );
      }
    }
    const secret = linkSecretOf(site);
    if (secret === undefined)
      problems.push(problem('site', 'a site with a linkSecret or an admin key', site.id));
    if (problems.length > 0 || secret === undefined) return problems;
    const responseId = timeOrderedUuid(clock.now(), randomBytes(16));
    const token = signLink(secret, {
      site: site.id,
      surveyId: input.surveyId,
      responseId,
      ...(input.userId === undefined ? {} : { userId: input.userId }),
      ...(input.attributes === undefined ? {} : { attributes: input.attributes }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      channel,
    });
    const origin = new URL(c.req.url).origin;
    return {
      url: `${origin}/s/${encodeURIComponent(input.surveyId)}?t=${token}`,
      responseId,
      expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
    };
  }

  admin.post('/links', async (c) => {
    const body = await readJsonBody(c.req.raw, limits);
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status);
    const checked = validate(LinkRequestSchema, body.value);
    if (!checked.ok) {
      return c.json(
        errorBody(
          'invalid_link_request',
          checked.problems.map((p) => p.message).join('; '),
          checked.problems,
        ),
        400,
      );
    }
    const link = makeLink(c, c.get('site'), checked.value, 'link');
    if (Array.isArray(link))
      return c.json(errorBody('invalid_link_request', link.map((p) => p.message).join('; '), link), 400);
    return c.json(link, 201);
  });

  admin.get('/links/email', (c) => {
    const site = c.get('site');
    const survey = c.req.query('survey');
    const user = c.req.query('user');
    const expires = c.req.query('expires');
    const format = c.req.query('format') ?? 'html';
    const problems: Problem[] = [];
    if (survey === undefined) problems.push(problem('survey', 'a survey id', undefined));
    if (user !== undefined && (user.length === 0 || user.length > 256))
      problems.push(problem('user', 'a user id of 1–256 characters', user));
    if (!['html', 'text', 'json'].includes(format))
      problems.push(problem('format', 'one of html, text, json', format));
    if (problems.length > 0 || survey === undefined) return invalid(c, problems);
    const link = makeLink(c, site, { surveyId: survey, userId: user, expiresAt: expires }, 'email');
    if (Array.isArray(link))
      return invalid(
        c,
        link.map((p) =>
          p.path === 'surveyId'
            ? { ...p, path: 'survey', message: p.message.replace(/^surveyId/, 'survey') }
            : p.path === 'expiresAt'
              ? { ...p, path: 'expires', message: p.message.replace(/^expiresAt/, 'expires') }
              : p,
        ),
      );
    const locale = c.req.query('lang') ?? site.config.defaultLocale ?? 'en';
    const snippet = emailSnippet(surveyOf(site, survey)!, locale, link.url);
    if (format === 'text') return c.text(snippet.text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    if (format === 'json')
      return c.json({ ...snippet, url: link.url, responseId: link.responseId, expiresAt: link.expiresAt });
    return c.html(snippet.html);
  });

  admin.get('/qr', async (c) => {
    const site = c.get('site');
    const surveyId = c.req.query('survey');
    const touchpoint = c.req.query('touchpoint');
    const format = c.req.query('format') ?? 'svg';
    const problems: Problem[] = [];
    const survey = surveyOf(site, surveyId);
    if (survey === undefined) {
      problems.push(
        problem(
          'survey',
          `a survey of the site's config (${site.config.surveys.map((s) => s.id).join(', ')})`,
          surveyId,
        ),
      );
    }
    if (touchpoint !== undefined && survey !== undefined && touchpoint !== survey.touchpoint) {
      problems.push(problem('touchpoint', `the survey's touchpoint (${survey.touchpoint})`, touchpoint));
    }
    if (format !== 'svg' && format !== 'png') problems.push(problem('format', 'svg or png', format));
    if (problems.length > 0 || survey === undefined) return invalid(c, problems);
    const origin = new URL(c.req.url).origin;
    const url = `${origin}/s/${encodeURIComponent(survey.id)}?site=${encodeURIComponent(site.publicKey)}&channel=qr`;
    const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
    if (format === 'png') {
      const png = await QRCode.toBuffer(url, { ...options, type: 'png', width: 512 });
      return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'X-Touchpoint-Url': url });
    }
    const svg = await QRCode.toString(url, { ...options, type: 'svg' });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'X-Touchpoint-Url': url });
  });
}
