/**
 * `POST /v1/admin/preview` `{surveyId, version?, page?}` (admin key only): a preview link for a survey of the
 * published config (or of `version`): the token, its expiry, and with `page` (a page of one of the site's allowed
 * origins) the page's address with `touchpoint_preview=TOKEN` added.
 */
import { IdSchema, validate } from '@touchpoint/core/schema';
import * as z from 'zod/mini';
import { createPreviewToken, PREVIEW_PARAM, PREVIEW_TTL_MS } from '../config/preview-token';
import type { SiteConfigs } from '../config/site-configs';
import { errorBody } from '../http/error-body';
import { normalizeOrigin, originAllowed } from '../http/origin';
import { readJsonBody } from '../http/read-body';
import type { Clock } from '../limits';
import type { AdminRouter } from './admin';
import { ADMIN_BODY_BYTES } from './admin-config';

const PreviewRequestSchema = z.strictObject({
  surveyId: IdSchema,
  version: z.optional(z.int().check(z.minimum(1))),
  page: z.optional(z.string().check(z.maxLength(2048))),
});

export function registerPreviewRoutes(
  admin: AdminRouter,
  deps: { readonly configs: SiteConfigs; readonly clock: Clock },
): void {
  admin.post('/preview', async (c) => {
    const site = c.get('site');
    const body = await readJsonBody(c.req.raw, {
      maxBodyBytes: ADMIN_BODY_BYTES,
      maxDecompressedBytes: ADMIN_BODY_BYTES,
    });
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status);
    const request = validate(PreviewRequestSchema, body.value);
    if (!request.ok) {
      return c.json(errorBody('invalid_request', 'The preview request is not valid.', request.problems), 400);
    }
    const { surveyId, version, page } = request.value;
    const config =
      version === undefined
        ? await deps.configs.published(site, { fresh: true })
        : await deps.configs.version(site, version);
    if (config === undefined)
      return c.json(errorBody('version_not_found', `This site has no config version ${version}.`), 404);
    if (!config.config.surveys.some((s) => s.id === surveyId)) {
      return c.json(
        errorBody(
          'survey_not_found',
          `Version ${config.info.number} has no survey "${surveyId}"; publish it first, then make the preview link.`,
        ),
        404,
      );
    }
    let url: string | null = null;
    if (page !== undefined && page !== '') {
      let parsed: URL;
      try {
        parsed = new URL(page);
      } catch {
        return c.json(errorBody('invalid_page', 'The page is not a web address (https://…).'), 400);
      }
      const origin = normalizeOrigin(parsed.origin);
      if (origin === undefined || !originAllowed(origin, site.allowedOrigins)) {
        return c.json(
          errorBody(
            'invalid_page',
            `The page must be on one of the site's origins: ${site.allowedOrigins.join(', ')}.`,
          ),
          400,
        );
      }
      url = parsed.href;
    }
    const expiresAt = deps.clock.now() + PREVIEW_TTL_MS;
    const token = createPreviewToken(site, { id: surveyId, v: config.info.number, exp: expiresAt });
    if (url !== null) {
      // Added as it is (URLSearchParams would write its ~ as %7E, which the widget does not decode).
      const link = new URL(url);
      const hash = link.hash;
      link.hash = '';
      url = `${link.href}${link.search === '' ? '?' : '&'}${PREVIEW_PARAM}=${token}${hash}`;
    }
    return c.json({ token, expiresAt, version: config.info.number, surveyId, url });
  });
}
