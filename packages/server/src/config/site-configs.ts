/**
 * Each site's published survey config, read from the store's config versions (decision 0007): the newest version
 * is the published one. A site with no version yet gets its sites-file config as version 1 on first use (at
 * `touchpoint serve` start, or on the first request), so the sites file stays a supported way to seed.
 *
 * Publishing validates with core's `parseConfig` (the problems are the words of `touchpoint validate`), refuses a
 * survey id that was recorded with another metric, adds the next version atomically on top of the version the
 * publisher started from, and records the config's surveys with `store.registerSurveys`, so their events are
 * accepted and counted at once.
 */
import { createHash } from 'node:crypto';
import { formatPath, type Problem, type TouchpointConfig } from '@touchpoint/core';
import { parseConfig } from '@touchpoint/core/schema';
import type { Clock } from '../limits';
import { type Site, surveyKindsOf } from '../sites/site';
import type { ConfigSource, ConfigVersion, ConfigVersionInfo, Store, SurveyKind } from '../store/store';

/** The published config of a site as served: its version, JSON text and ETag. */
export interface PublishedConfig {
  readonly info: ConfigVersionInfo;
  /** The config's JSON text, as published. */
  readonly body: string;
  /** A strong ETag naming this version of this text: `"<number>-<hash>"`. */
  readonly etag: string;
  /** The validated config, defaults filled in. */
  readonly config: TouchpointConfig;
}

export interface PublishRequest {
  readonly json: unknown;
  readonly author: string;
  readonly note: string;
  readonly source: ConfigSource;
  readonly restoredFrom?: number;
  /** The version the publisher started from. */
  readonly basedOn: number;
}

export type PublishOutcome =
  | { readonly ok: true; readonly published: PublishedConfig }
  | { readonly ok: false; readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly kind: 'conflict'; readonly current: PublishedConfig };

/** How long a process trusts its copy of the published version before asking the database again (two servers on one database see each other's publishes within this). */
export const PUBLISHED_RECHECK_MS = 1000;

export function etagOf(number: number, body: string): string {
  return `"${number}-${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** The problems of a config's surveys whose id was recorded with another metric (its answers count as that). */
export function metricProblems(config: TouchpointConfig, recorded: readonly SurveyKind[]): Problem[] {
  const byId = new Map(recorded.map((kind) => [kind.surveyId, kind]));
  const problems: Problem[] = [];
  surveyKindsOf(config).forEach((kind, index) => {
    const before = byId.get(kind.surveyId);
    if (before === undefined) return;
    const points = (k: SurveyKind) => (k.metric === 'ces' ? (k.points ?? 7) : 0);
    if (before.metric === kind.metric && points(before) === points(kind)) return;
    const path = formatPath(['surveys', index, 'question', 'type']);
    const was = before.metric === 'ces' ? `ces (${points(before)} points)` : before.metric;
    const now = kind.metric === 'ces' ? `ces (${points(kind)} points)` : kind.metric;
    problems.push({
      path,
      expected: was,
      received: now,
      message: `${path}: survey "${kind.surveyId}" was published before as ${was} and its answers are counted as that; give the ${now} survey a new id`,
    });
  });
  return problems;
}

/** A config without `$version` (where a file was pulled at): it names no version of the published config. */
export function withoutPulledVersion(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('$version' in json)) return json;
  const { $version: _, ...rest } = json as Record<string, unknown>;
  return rest;
}

export interface SiteConfigs {
  /**
   * The published config of a site (seeding version 1 from the sites file when it has none). Up to
   * `PUBLISHED_RECHECK_MS` old unless `fresh` (the admin routes read it fresh, the public route may not).
   */
  published(site: Site, options?: { readonly fresh?: boolean }): Promise<PublishedConfig>;
  /** A version of a site's config, as served. */
  version(site: Site, number: number): Promise<PublishedConfig | undefined>;
  publish(site: Site, request: PublishRequest): Promise<PublishOutcome>;
}

export function createSiteConfigs(options: { readonly store: Store; readonly clock: Clock }): SiteConfigs {
  const { store, clock } = options;
  const cache = new Map<string, { published: PublishedConfig; checkedAt: number }>();
  const seeding = new Map<string, Promise<void>>();

  function served(version: ConfigVersion): PublishedConfig {
    const parsed = parseConfig(JSON.parse(version.config));
    // Only validated configs are ever stored; a row that fails now was written by a newer server's schema.
    if (!parsed.ok) {
      throw new Error(
        `config version ${version.number} no longer validates: ${parsed.problems.map((p) => p.message).join('; ')}`,
      );
    }
    const { config: body, ...info } = version;
    return { info, body, etag: etagOf(version.number, body), config: parsed.value };
  }

  /** Version 1 from the sites file, when the site has none (several servers may race: one wins, all agree). */
  function seed(site: Site): Promise<void> {
    let pending = seeding.get(site.id);
    if (pending === undefined) {
      pending = (async () => {
        const result = await store.publishConfig(site.id, {
          config: JSON.stringify(site.configJson),
          author: 'sites file',
          note: `seeded from ${site.configPath}`,
          source: 'sites-file',
          basedOn: 0,
          at: clock.now(),
        });
        if (result.ok)
          await store.registerSurveys(site.id, surveyKindsOf(site.config), {
            complete: true,
            now: clock.now(),
          });
      })().finally(() => seeding.delete(site.id));
      seeding.set(site.id, pending);
    }
    return pending;
  }

  async function published(site: Site, options: { fresh?: boolean } = {}): Promise<PublishedConfig> {
    const cached = cache.get(site.id);
    const now = clock.now();
    if (!options.fresh && cached !== undefined && now - cached.checkedAt < PUBLISHED_RECHECK_MS)
      return cached.published;
    let row = await store.publishedConfig(site.id);
    if (row === undefined) {
      await seed(site);
      row = await store.publishedConfig(site.id);
      if (row === undefined) throw new Error(`the config of ${site.id} could not be seeded`);
    }
    const current =
      cached !== undefined && cached.published.info.number === row.number ? cached.published : served(row);
    cache.set(site.id, { published: current, checkedAt: now });
    return current;
  }

  return {
    published,

    async version(site, number) {
      await published(site);
      const row = await store.configVersion(site.id, number);
      return row === undefined ? undefined : served(row);
    },

    async publish(site, request) {
      const json = withoutPulledVersion(request.json);
      const parsed = parseConfig(json);
      if (!parsed.ok) return { ok: false, kind: 'invalid', problems: parsed.problems };
      const problems = metricProblems(parsed.value, await store.recordedSurveys(site.id));
      if (problems.length > 0) return { ok: false, kind: 'invalid', problems };
      const body = JSON.stringify(json);
      const result = await store.publishConfig(site.id, {
        config: body,
        author: request.author,
        note: request.note,
        source: request.source,
        restoredFrom: request.restoredFrom ?? null,
        basedOn: request.basedOn,
        at: clock.now(),
      });
      if (!result.ok) {
        return { ok: false, kind: 'conflict', current: await published(site, { fresh: true }) };
      }
      // The new version is the site's whole survey list: what it no longer has is retired (decision 0006).
      await store.registerSurveys(site.id, surveyKindsOf(parsed.value), { complete: true, now: clock.now() });
      const next: PublishedConfig = {
        info: result.version,
        body,
        etag: etagOf(result.version.number, body),
        config: parsed.value,
      };
      cache.set(site.id, { published: next, checkedAt: clock.now() });
      return { ok: true, published: next };
    },
  };
}
