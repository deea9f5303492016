export {
  BROWSER_SKIP_MESSAGE,
  type BrowserHandle,
  browserAvailable,
  CHROMIUM_PATH,
  launchBrowser,
} from './browser';
export { type HttpHandle, listen } from './http';
export { type PostgresHandle, type PostgresOptions, postgresAvailable, startPostgres } from './postgres';
export { type StaticServer, type StaticServerOptions, startStaticServer } from './static-server';
