/**
 * The demo site `pnpm start` serves when no sites file is given: the demo survey config over the sample
 * touchpoints, open to any localhost origin, with a fixed public key and a secret results key and an admin key made once per data folder.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../private-files';
import { loadConfigFile } from './load-sites';
import type { Site } from './site';
import { ADMIN_KEY_PATTERN, SECRET_KEY_PATTERN } from './sites.schema';

export const DEMO_SITE_ID = 'demo';
export const DEMO_PUBLIC_KEY = 'pk_demo';
export const DEMO_CONFIG_PATH = fileURLToPath(new URL('../../demo/touchpoint.config.json', import.meta.url));
const KEYS_FILE = 'demo-keys.json';

/** The demo's keys: read from the data folder, or made and written there on first start (each on its own). */
function demoKeys(dataDir: string): { secretKey: string; adminKey: string } {
  const file = join(dataDir, KEYS_FILE);
  let stored: { secretKey?: unknown; adminKey?: unknown } = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  } catch {
    // Not there yet (or unreadable): make new keys below.
  }
  const keys = {
    secretKey:
      typeof stored.secretKey === 'string' && SECRET_KEY_PATTERN.test(stored.secretKey)
        ? stored.secretKey
        : `sk_demo_${randomBytes(18).toString('base64url')}`,
    adminKey:
      typeof stored.adminKey === 'string' && ADMIN_KEY_PATTERN.test(stored.adminKey)
        ? stored.adminKey
        : `ak_demo_${randomBytes(18).toString('base64url')}`,
  };
  if (keys.secretKey !== stored.secretKey || keys.adminKey !== stored.adminKey) {
    ensurePrivateDir(dataDir);
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    ensurePrivateFile(file);
  }
  return keys;
}

export function demoSite(dataDir: string): Site {
  const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
  return {
    id: DEMO_SITE_ID,
    name: 'Demo shop',
    publicKey: DEMO_PUBLIC_KEY,
    ...demoKeys(dataDir),
    allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    configPath: DEMO_CONFIG_PATH,
    configJson: json,
    config,
  };
}
