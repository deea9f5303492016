/**
 * The shop as a site of the reference server: a sites file with the shop's public key, its secret results key, its
 * admin key (the survey editor),
 * the shop's origins and its survey config (`touchpoint.config.json`, the three touchpoints).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOP_SITE_ID = 'shop';
/** The public key the pages' stub snippet uses. */
export const SHOP_PUBLIC_KEY = 'pk_shop';
/** The shop's survey config: CSAT on the product page, NPS after checkout, CES on support articles. */
export const SHOP_CONFIG_FILE = fileURLToPath(new URL('../touchpoint.config.json', import.meta.url));
/** The sites file's name inside the data folder. */
export const SHOP_SITES_FILE = 'touchpoint.sites.json';

const SECRET_KEY = /^sk_[A-Za-z0-9_-]{16,128}$/;
const ADMIN_KEY = /^ak_[A-Za-z0-9_-]{16,128}$/;

export interface ShopSiteOptions {
  /** Folder the sites file is written to (created when missing). */
  readonly dataDir: string;
  /** Origins the shop's pages are served from, e.g. `http://127.0.0.1:8788`. */
  readonly origins: readonly string[];
  /**
   * The survey config file.
   * @default SHOP_CONFIG_FILE
   */
  readonly configFile?: string;
}

export interface ShopSite {
  /** The sites file to pass to `touchpoint serve --sites`. */
  readonly sitesFile: string;
  /** The secret results key (dashboard and results API). */
  readonly secretKey: string;
  /** The admin key (the dashboard's survey editor and the admin API). */
  readonly adminKey: string;
  readonly publicKey: string;
}

/** A key already written in the data folder's sites file, if any. */
function existingKey(
  sitesFile: string,
  field: 'secretKey' | 'adminKey',
  pattern: RegExp,
): string | undefined {
  try {
    const json = JSON.parse(readFileSync(sitesFile, 'utf8')) as { sites?: Record<string, unknown>[] };
    const key = json.sites?.[0]?.[field];
    return typeof key === 'string' && pattern.test(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the shop's sites file into `dataDir` (the origins may change from run to run) and returns it with the
 * secret results key and the admin key, each made once per data folder and kept in that file.
 */
export function prepareShopSite(options: ShopSiteOptions): ShopSite {
  mkdirSync(options.dataDir, { recursive: true });
  const sitesFile = join(options.dataDir, SHOP_SITES_FILE);
  const secretKey =
    existingKey(sitesFile, 'secretKey', SECRET_KEY) ?? `sk_shop_${randomBytes(18).toString('base64url')}`;
  const adminKey =
    existingKey(sitesFile, 'adminKey', ADMIN_KEY) ?? `ak_shop_${randomBytes(18).toString('base64url')}`;
  const sites = {
    sites: [
      {
        id: SHOP_SITE_ID,
        name: 'Bean & Kettle (example shop)',
        publicKey: SHOP_PUBLIC_KEY,
        secretKey,
        adminKey,
        allowedOrigins: [...options.origins],
        config: options.configFile ?? SHOP_CONFIG_FILE,
      },
    ],
  };
  writeFileSync(sitesFile, `${JSON.stringify(sites, null, 2)}\n`, { mode: 0o600 });
  return { sitesFile, secretKey, adminKey, publicKey: SHOP_PUBLIC_KEY };
}
