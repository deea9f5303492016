/**
 * @touchpoint/server — the reference backend: the hono app, the listening server, the stores and the rollups.
 * The `touchpoint` CLI is `bin/touchpoint.js`.
 */
export { isPrivateAddress } from './alerts/address-policy';
export { DEFAULT_DELIVERY, type DeliveryOptions } from './alerts/alert-delivery';
export type { AlertPayload, AnswerAlert, DigestAlert, TestAlert } from './alerts/alert-payload';
export { ALERT_LIMITS } from './alerts/alert-rule.schema';
export type { AlertOptions } from './alerts/alerts-runtime';
export { DEFAULT_RETRY, type RetryPolicy } from './alerts/retry-schedule';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signatureHeader,
  verifySignature,
} from './alerts/signature';
export { type AppOptions, createApp } from './app';
export { DASHBOARD_DIST, type EnsureDashboardOptions, ensureDashboard } from './dashboard/ensure-dashboard';
export { DASHBOARD_CSP } from './http/dashboard-files';
export { createIngestQueue, type IngestQueue, QueueFullError } from './ingest-queue';
export { Lifecycle } from './lifecycle';
export { type Clock, DEFAULT_LIMITS, type RateLimit, type ServerLimits, systemClock } from './limits';
export { csvCell } from './report/csv';
export { DEFAULT_VERBATIMS_LIMIT, MAX_RANGE_DAYS, MAX_VERBATIMS_LIMIT } from './results/results-params';
export { RESULTS_ENDPOINTS } from './routes/results';
export { type SeedOptions, seedSampleData } from './seed-sample-data';
export {
  DEFAULT_TIMEOUTS,
  type RunningServer,
  type ServeOptions,
  type ServerTimeouts,
  startServer,
} from './serve';
export { DEMO_PUBLIC_KEY, DEMO_SITE_ID, demoSite } from './sites/demo-site';
export { InvalidFileError, loadConfigFile, loadSitesFile } from './sites/load-sites';
export { type Site, surveyKindsOf } from './sites/site';
export { SiteSchema, SitesFileSchema } from './sites/sites.schema';
export { type OpenStoreOptions, openStore, SQLITE_FILE } from './store/open-store';
export { openPostgresStore, type PostgresStoreOptions } from './store/postgres';
export { summarizeRollups } from './store/rollup';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite';
export type {
  AlertAttempt,
  AlertDelivery,
  AlertFormat,
  AlertKind,
  AlertRule,
  AlertRuleFields,
  AnswerPosition,
  AnswerQuery,
  IngestBatch,
  IngestResult,
  RollupQuery,
  RollupRow,
  ScoreFilter,
  ScoreRow,
  SegmentDimension,
  SegmentFilter,
  SegmentRollupRow,
  Store,
  StoredEvent,
  SurveyKind,
  TextRow,
} from './store/store';
export { StoreUnavailableError } from './store/store';
