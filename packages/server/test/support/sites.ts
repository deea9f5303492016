/**
 * Sites for tests: the demo config under test keys, and an app over a given store.
 */

import { DEMO_CONFIG_PATH } from '../../src/sites/demo-site';
import { loadConfigFile } from '../../src/sites/load-sites';
import type { Site } from '../../src/sites/site';

export const SHOP_KEY = 'pk_shop_test';
export const SHOP_SECRET = 'sk_shop_test_0123456789abcdef';
export const SHOP_ADMIN = 'ak_shop_test_0123456789abcdef';
export const SHOP_ORIGIN = 'https://shop.example';

export function testSite(overrides: Partial<Site> = {}): Site {
  const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
  return {
    id: 'shop',
    name: 'Shop',
    publicKey: SHOP_KEY,
    secretKey: SHOP_SECRET,
    adminKey: SHOP_ADMIN,
    allowedOrigins: [SHOP_ORIGIN, 'http://localhost:*'],
    configPath: DEMO_CONFIG_PATH,
    config,
    ...overrides,
    // A test that gives a config serves it: the published config is seeded from the JSON.
    configJson: overrides.configJson ?? overrides.config ?? json,
  };
}
