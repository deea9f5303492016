/**
 * The config routes of the admin API (admin key only; see `admin.ts`), decision 0007:
 *
 * - `GET /v1/admin/config`: the published config, its version and an `ETag` header.
 * - `PUT /v1/admin/config` `{config, note?, author?}` with `If-Match: <ETag>` or `"<version number>"` (428 without
 *   it; 412 with the current version when someone published since; `If-Match: *` publishes over whatever is current): validates with
 *   core's schema (422 with every problem by path, the words of `touchpoint validate`) and publishes a new version.
 * - `GET /v1/admin/config/versions?limit=&before=`: versions, newest first; `GET /v1/admin/config/versions/{n}`.
 * - `POST /v1/admin/config/versions/{n}/publish` `{note?, author?}` (If-Match optional): rollback, publishing an
 *   old version's config again as a new version.
 */
import type { Problem } from '@touchpoint/core';
import type { Context } from 'hono';
import type { PublishedConfig, SiteConfigs } from '../config/site-configs';
import { errorBody } from '../http/error-body';
import { readJsonBody } from '../http/read-body';
import type { Site } from '../sites/site';
import type { ConfigSource, Store } from '../store/store';
import type { AdminRouter } from './admin';

/** Largest admin request body: a config of 100 surveys with every language fits well within it. */
export const ADMIN_BODY_BYTES = 1024 * 1024;
export const AUTHOR_MAX = 100;
export const NOTE_MAX = 500;
/** Versions per page of the list. */
export const VERSIONS_PAGE_MAX = 200;

/** The admin routes decide on the database's current version, never on a process's copy. */
const FRESH = { fresh: true } as const;

export interface ConfigRouteDeps {
  readonly configs: SiteConfigs;
  readonly store: Store;
  readonly log: (line: string) => void;
}

/** A published version as the admin API shows it. */
export function versionBody(published: PublishedConfig) {
  return { ...published.info, etag: published.etag, config: JSON.parse(published.body) as unknown };
}

type Meta = { author: string; note: string; source: ConfigSource };

/** The author, note and source of a publish request, or the problems with them. */
function metaOf(c: Context, body: Record<string, unknown>): Meta | Problem[] {
  const problems: Problem[] = [];
  const text = (field: 'author' | 'note', max: number, fallback: string) => {
    const value = body[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.length > max) {
      problems.push({
        path: field,
        expected: `text of at most ${max} characters`,
        received: typeof value === 'string' ? `${value.length} characters` : typeof value,
        message: `${field}: expected text of at most ${max} characters`,
      });
      return fallback;
    }
    return value.trim();
  };
  const author = text('author', AUTHOR_MAX, '') || 'admin key';
  const note = text('note', NOTE_MAX, '');
  // The dashboard says it is the editor; everything else (curl, `touchpoint config push`) is the API.
  const source: ConfigSource = c.req.header('x-touchpoint-client') === 'editor' ? 'editor' : 'api';
  return problems.length > 0 ? problems : { author, note, source };
}

export function registerConfigRoutes(admin: AdminRouter, deps: ConfigRouteDeps): void {
  const { configs, log } = deps;

  const unavailable = (c: Context, error: unknown) => {
    log(`[touchpoint] ${error instanceof Error ? error.message : String(error)}`);
    return c.json(
      errorBody('store_unavailable', 'The config versions could not be read or written; try again later.'),
      503,
      { 'Retry-After': '10' },
    );
  };

  async function readObject(c: Context): Promise<Record<string, unknown> | Response> {
    const body = await readJsonBody(c.req.raw, {
      maxBodyBytes: ADMIN_BODY_BYTES,
      maxDecompressedBytes: 5 * ADMIN_BODY_BYTES,
    });
    if (!body.ok) {
      const message =
        body.status === 413 ? `The request body is larger than ${ADMIN_BODY_BYTES} bytes.` : body.message;
      return c.json(errorBody(body.code, message), body.status);
    }
    if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
      return c.json(errorBody('invalid_request', 'Send a JSON object: {"config": {…}, "note": "…"}.'), 400);
    }
    return body.value as Record<string, unknown>;
  }

  /**
   * The version an `If-Match` header names, checked against the published one: its number to publish on, or
   * the refusal (428 without the header, 412 when it is not the published version).
   */
  function basedOn(c: Context, current: PublishedConfig, required: boolean): number | Response {
    const header = c.req.header('if-match')?.trim();
    if (header === undefined || header === '') {
      if (!required) return current.info.number;
      return c.json(
        errorBody(
          'if_match_required',
          `Send If-Match with the ETag of the version you edited (GET /v1/admin/config; the published one is ${current.etag}), so no one's publish is overwritten.`,
        ),
        428,
      );
    }
    if (header === '*') return current.info.number;
    // The full ETag, or `"<number>"` alone (what `touchpoint config push` sends from a file's `$version`).
    const named = header.split(',').some((tag) => {
      const bare = tag.trim().replace(/^W\//, '');
      return bare === current.etag || bare === `"${current.info.number}"`;
    });
    if (named) return current.info.number;
    return conflict(c, current);
  }

  const conflict = (c: Context, current: PublishedConfig) =>
    c.json(
      {
        ...errorBody(
          'version_conflict',
          `Version ${current.info.number} was published by ${current.info.author} since the version you edited; nothing was published. Load it, apply your change again, and publish.`,
        ),
        current: { number: current.info.number, etag: current.etag, author: current.info.author },
      },
      412,
      { ETag: current.etag },
    );

  async function publish(
    c: Context,
    site: Site,
    json: unknown,
    meta: Meta,
    based: number,
    restoredFrom?: number,
  ): Promise<Response> {
    const outcome = await configs.publish(site, {
      json,
      ...meta,
      basedOn: based,
      ...(restoredFrom === undefined ? {} : { restoredFrom }),
    });
    if (outcome.ok) return c.json(versionBody(outcome.published), 201, { ETag: outcome.published.etag });
    if (outcome.kind === 'conflict') return conflict(c, outcome.current);
    const n = outcome.problems.length;
    return c.json(
      errorBody(
        'invalid_config',
        `The config has ${n} problem${n === 1 ? '' : 's'}; nothing was published.`,
        outcome.problems,
      ),
      422,
    );
  }

  admin.get('/config', async (c) => {
    try {
      const published = await configs.published(c.get('site'), FRESH);
      return c.json(versionBody(published), 200, { ETag: published.etag });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.put('/config', async (c) => {
    const site = c.get('site');
    try {
      const current = await configs.published(site, FRESH);
      const based = basedOn(c, current, true);
      if (based instanceof Response) return based;
      const body = await readObject(c);
      if (body instanceof Response) return body;
      if (!('config' in body)) {
        return c.json(
          errorBody('invalid_request', 'Send the config in a "config" field: {"config": {…}, "note": "…"}.'),
          400,
        );
      }
      const meta = metaOf(c, body);
      if (Array.isArray(meta)) {
        return c.json(errorBody('invalid_request', 'The author or note is not valid.', meta), 400);
      }
      return await publish(c, site, body.config, meta, based);
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.get('/config/versions', async (c) => {
    const limit = c.req.query('limit') ?? '50';
    const before = c.req.query('before');
    const isCount = (value: string, max: number) =>
      /^\d{1,9}$/.test(value) && Number(value) >= 1 && Number(value) <= max;
    if (!isCount(limit, VERSIONS_PAGE_MAX) || (before !== undefined && !isCount(before, 1e9))) {
      return c.json(
        errorBody(
          'invalid_query',
          `limit is a whole number from 1 to ${VERSIONS_PAGE_MAX}; before is a version number.`,
        ),
        400,
      );
    }
    const site = c.get('site');
    try {
      const published = await configs.published(site, FRESH);
      const versions = await deps.store.configVersions(site.id, {
        limit: Number(limit),
        ...(before === undefined ? {} : { before: Number(before) }),
      });
      return c.json({ published: published.info.number, versions });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  const numberOf = (c: Context) => {
    const raw = c.req.param('n') ?? '';
    return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
  };
  const noSuchVersion = (c: Context, raw: string | undefined) =>
    c.json(errorBody('version_not_found', `This site has no config version ${raw ?? ''}.`), 404);

  admin.get('/config/versions/:n', async (c) => {
    const number = numberOf(c);
    if (number === undefined) return noSuchVersion(c, c.req.param('n'));
    try {
      const version = await configs.version(c.get('site'), number);
      if (version === undefined) return noSuchVersion(c, String(number));
      return c.json(versionBody(version), 200, { ETag: version.etag });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.post('/config/versions/:n/publish', async (c) => {
    const number = numberOf(c);
    if (number === undefined) return noSuchVersion(c, c.req.param('n'));
    const site = c.get('site');
    try {
      const current = await configs.published(site, FRESH);
      const based = basedOn(c, current, false);
      if (based instanceof Response) return based;
      const old = await configs.version(site, number);
      if (old === undefined) return noSuchVersion(c, String(number));
      const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding');
      const body = hasBody ? await readObject(c) : {};
      if (body instanceof Response) return body;
      const meta = metaOf(c, body);
      if (Array.isArray(meta)) {
        return c.json(errorBody('invalid_request', 'The author or note is not valid.', meta), 400);
      }
      const note = meta.note || `rollback to version ${number}`;
      return await publish(
        c,
        site,
        JSON.parse(old.body),
        { ...meta, note, source: 'rollback' },
        based,
        number,
      );
    } catch (error) {
      return unavailable(c, error);
    }
  });
}
