/**
 * The script-tag example as parts other code can start (the end-to-end suites and `pnpm start` use them).
 */
export { buildWidgetFiles, WIDGET_DIST } from './build-widget';
export {
  PAGE_ENDPOINT,
  SHOP_DIR,
  type ShopServer,
  type ShopServerOptions,
  startShop,
  WIDGET_PATH,
} from './shop-server';
export {
  prepareShopSite,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
  SHOP_SITES_FILE,
  type ShopSite,
  type ShopSiteOptions,
} from './shop-site';
