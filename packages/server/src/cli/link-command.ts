/**
 * `touchpoint link --site ID --survey ID [--user ID] [--attr k=v]… [--expires WHEN] [--url BASE]`: prints a signed
 * personal link to the hosted survey page, made with the site's link secret from the sites file (decisions/0012),
 * the same link `POST /v1/admin/links` makes; no server needs to run. `--expires` takes an ISO 8601 time or a
 * duration such as `30d`, `12h` or `90m`.
 */

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Attributes, timeOrderedUuid } from '@touchpoint/core';
import { AttributesSchema, validate } from '@touchpoint/core/schema';
import { linkSecretOf, signLink } from '../channels/link-token';
import { MAX_LINK_DAYS } from '../routes/channels';
import { demoSite } from '../sites/demo-site';
import { InvalidFileError, loadSitesFile } from '../sites/load-sites';
import type { Site } from '../sites/site';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DEFAULT_SITES_FILE } from './serve-command';

export interface LinkFlags {
  readonly site?: string | undefined;
  readonly survey?: string | undefined;
  readonly user?: string | undefined;
  readonly attr?: readonly string[] | undefined;
  readonly expires?: string | undefined;
  readonly url?: string | undefined;
  readonly sites?: string | undefined;
  readonly data?: string | undefined;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An ISO 8601 time, or a duration from now (`30d`, `12h`, `90m`), as epoch ms. */
export function parseExpiry(text: string, now: number): number | undefined {
  const duration = /^(\d{1,6})([mhd])$/.exec(text);
  if (duration) return now + Number(duration[1]) * UNITS[duration[2]!]!;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

function attributesOf(pairs: readonly string[]): Attributes {
  const out: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--attr takes key=value, got "${pair}"`, EXIT.usage);
    const raw = pair.slice(at + 1);
    out[pair.slice(0, at)] =
      raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  const checked = validate(AttributesSchema, out);
  if (!checked.ok) throw new CliError(`--attr: ${checked.problems[0]?.message}`, EXIT.usage);
  return checked.value;
}

export function linkCommand(flags: LinkFlags, io: CliIo, now = Date.now()): ExitCode {
  if (flags.survey === undefined) throw new CliError('link needs --survey ID', EXIT.usage);
  const sitesOption = flags.sites ?? io.env.TOUCHPOINT_SITES;
  const sitesFile =
    sitesOption !== undefined && sitesOption !== ''
      ? resolve(io.cwd, sitesOption)
      : existsSync(resolve(io.cwd, DEFAULT_SITES_FILE))
        ? resolve(io.cwd, DEFAULT_SITES_FILE)
        : undefined;
  let sites: Site[];
  try {
    sites =
      sitesFile === undefined
        ? [demoSite(resolve(io.cwd, flags.data ?? io.env.TOUCHPOINT_DATA_DIR ?? '.data'))]
        : loadSitesFile(sitesFile);
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    io.stderr(`✗ ${error.message}\n`);
    return error.unreadable ? EXIT.unavailable : EXIT.invalid;
  }
  const site =
    flags.site === undefined && sites.length === 1 ? sites[0] : sites.find((s) => s.id === flags.site);
  if (site === undefined) {
    throw new CliError(
      `no site "${flags.site ?? ''}"; the sites are ${sites.map((s) => s.id).join(', ')} (pass --site ID)`,
      EXIT.usage,
    );
  }
  const survey = site.config.surveys.find((s) => s.id === flags.survey);
  if (survey === undefined) {
    throw new CliError(
      `site ${site.id} has no survey "${flags.survey}"; its surveys are ${site.config.surveys.map((s) => s.id).join(', ')}`,
      EXIT.usage,
    );
  }
  let expiresAt: number | undefined;
  if (flags.expires !== undefined) {
    expiresAt = parseExpiry(flags.expires, now);
    if (expiresAt === undefined || expiresAt <= now || expiresAt > now + MAX_LINK_DAYS * 86_400_000) {
      throw new CliError(
        `--expires takes a future time (2026-12-31T23:59:59Z) or a duration (30d, 12h, 90m) of at most ${MAX_LINK_DAYS} days`,
        EXIT.usage,
      );
    }
  }
  if (flags.user !== undefined && (flags.user.length === 0 || flags.user.length > 256)) {
    throw new CliError('--user takes an id of 1–256 characters', EXIT.usage);
  }
  const secret = linkSecretOf(site);
  if (secret === undefined) {
    io.stderr(
      `✗ site ${site.id} has no linkSecret and no adminKey to sign links with; add one to the sites file\n`,
    );
    return EXIT.invalid;
  }
  const attributes =
    flags.attr === undefined || flags.attr.length === 0 ? undefined : attributesOf(flags.attr);
  const token = signLink(secret, {
    site: site.id,
    surveyId: survey.id,
    responseId: timeOrderedUuid(now, randomBytes(16)),
    ...(flags.user === undefined ? {} : { userId: flags.user }),
    ...(attributes === undefined ? {} : { attributes }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    channel: 'link',
  });
  const base = (flags.url ?? io.env.TOUCHPOINT_PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  io.stdout(`${base}/s/${encodeURIComponent(survey.id)}?t=${token}\n`);
  return EXIT.ok;
}
