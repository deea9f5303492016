/**
 * The admin API client of the editor: the site's admin key (`ak_…`) in an `Authorization: Bearer` header, never
 * in a URL. Every answer is checked for the fields the editor reads; a refusal becomes an `AdminApiError` with
 * the server's code, message and problems (by path), so the editor shows the server's own words.
 */
import type { Problem } from '@touchpoint/core';
import type { FetchLike } from '../api/results-client';

/** The admin key (`ak_…`) opens the editor; any other key is tried as a results key. */
export const isAdminKey = (key: string) => key.startsWith('ak_');

export class AdminApiError extends Error {
  override name = 'AdminApiError' as const;
  constructor(
    message: string,
    /** HTTP status; 0 when the server was not reached, -1 for an answer of the wrong shape. */
    readonly status: number,
    readonly code: string,
    readonly problems: readonly Problem[] = [],
    /** The whole answer (a 412 carries the version published in between). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export interface AdminSite {
  readonly id: string;
  readonly name: string;
  readonly publicKey: string;
  readonly allowedOrigins: readonly string[];
}

export interface VersionInfo {
  readonly number: number;
  readonly author: string;
  readonly note: string;
  readonly source: 'sites-file' | 'editor' | 'api' | 'rollback';
  readonly restoredFrom: number | null;
  readonly createdAt: number;
}

/** A version with its config as JSON, and the ETag to publish on top of it. */
export interface ConfigVersion extends VersionInfo {
  readonly etag: string;
  readonly config: Record<string, unknown>;
}

export interface SimulatedSurvey {
  readonly surveyId: string;
  readonly touchpoint: string;
  readonly show: boolean;
  readonly delaySeconds: number;
  readonly summary: string;
  readonly reasons: readonly { rule: string; pass: boolean; code: string; text: string }[];
}

export interface SimulateAnswer {
  readonly at: string;
  readonly shows: string | null;
  readonly surveys: readonly SimulatedSurvey[];
}

export interface PreviewLink {
  readonly token: string;
  readonly expiresAt: number;
  readonly url: string | null;
}

/** The e-mail snippet of a personal link (`GET /v1/admin/links/email?format=json`). */
export interface EmailSnippet {
  /** HTML for the e-mail's body: tables and inline styles, no script. Untrusted: never put into the page. */
  readonly html: string;
  /** The plain-text alternative. */
  readonly text: string;
  /** The personal link the buttons open (each with its `&score=`). */
  readonly url: string;
  readonly responseId: string;
  readonly expiresAt: string | null;
}

export interface EmailSnippetRequest {
  readonly surveyId: string;
  /** The customer the link is for; without it the link is anonymous. */
  readonly userId?: string;
  /** The language of the question's wording. @default the site's default language */
  readonly lang?: string;
}

export interface AdminClient {
  site(): Promise<AdminSite>;
  config(): Promise<ConfigVersion>;
  /** Publishes `config` on top of the version `etag` names; 412 (AdminApiError) when someone published since. */
  publish(config: unknown, note: string, etag: string, author?: string): Promise<ConfigVersion>;
  versions(): Promise<{ published: number; versions: VersionInfo[] }>;
  version(n: number): Promise<ConfigVersion>;
  rollback(n: number, etag: string, note: string): Promise<ConfigVersion>;
  simulate(request: unknown): Promise<SimulateAnswer>;
  preview(request: { surveyId: string; version?: number; page?: string }): Promise<PreviewLink>;
  /** A personal link's e-mail snippet for a published survey; 400 (AdminApiError) names what is wrong. */
  emailSnippet(request: EmailSnippetRequest): Promise<EmailSnippet>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function isVersion(value: unknown): value is ConfigVersion {
  return (
    isObject(value) &&
    typeof value.number === 'number' &&
    typeof value.etag === 'string' &&
    typeof value.author === 'string' &&
    isObject(value.config)
  );
}

export function createAdminClient(options: {
  readonly fetch: FetchLike;
  readonly key: string;
  /** @default '' (the dashboard's own origin) */
  readonly baseUrl?: string;
  /** Called on 401: the key is no longer accepted. */
  readonly onUnauthorized?: () => void;
}): AdminClient {
  const base = options.baseUrl ?? '';

  async function call<T>(
    method: string,
    path: string,
    check: (value: unknown) => value is T,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await options.fetch(`${base}/v1/admin${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.key}`,
          'X-Touchpoint-Client': 'editor',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new AdminApiError(error instanceof Error ? error.message : String(error), 0, 'network');
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new AdminApiError(`HTTP ${response.status}: not JSON`, -1, 'bad_answer');
    }
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      const error = isObject(json) && isObject(json.error) ? json.error : {};
      throw new AdminApiError(
        typeof error.message === 'string' ? error.message : `HTTP ${response.status}`,
        response.status,
        typeof error.code === 'string' ? error.code : 'error',
        Array.isArray(error.problems) ? (error.problems as Problem[]) : [],
        json,
      );
    }
    if (!check(json)) throw new AdminApiError(`HTTP ${response.status}: unexpected answer`, -1, 'bad_answer');
    return json;
  }

  return {
    site: () =>
      call(
        'GET',
        '/site',
        (v): v is AdminSite => isObject(v) && typeof v.id === 'string' && typeof v.publicKey === 'string',
      ),
    config: () => call('GET', '/config', isVersion),
    publish: (config, note, etag, author) =>
      call(
        'PUT',
        '/config',
        isVersion,
        { config, note, ...(author ? { author } : {}) },
        { 'If-Match': etag },
      ),
    versions: () =>
      call(
        'GET',
        '/config/versions?limit=200',
        (v): v is { published: number; versions: VersionInfo[] } =>
          isObject(v) && typeof v.published === 'number' && Array.isArray(v.versions),
      ),
    version: (n) => call('GET', `/config/versions/${n}`, isVersion),
    rollback: (n, etag, note) =>
      call('POST', `/config/versions/${n}/publish`, isVersion, { note }, { 'If-Match': etag }),
    simulate: (request) =>
      call('POST', '/simulate', (v): v is SimulateAnswer => isObject(v) && Array.isArray(v.surveys), request),
    preview: (request) =>
      call('POST', '/preview', (v): v is PreviewLink => isObject(v) && typeof v.token === 'string', request),
    emailSnippet: (request) => {
      const query = new URLSearchParams({ survey: request.surveyId, format: 'json' });
      if (request.userId !== undefined && request.userId !== '') query.set('user', request.userId);
      if (request.lang !== undefined && request.lang !== '') query.set('lang', request.lang);
      return call(
        'GET',
        `/links/email?${query}`,
        (v): v is EmailSnippet =>
          isObject(v) &&
          typeof v.html === 'string' &&
          typeof v.text === 'string' &&
          typeof v.url === 'string',
      );
    },
  };
}
