/**
 * @touchpoint/widget — the npm entry: `init(options)` returns a handle (`track`, `identify`, `consent`, `show`,
 * `page`, `reset`, `destroy`). Collector-free: events go to `onEvent` (pass `createCollector()` from
 * `@touchpoint/collector` to deliver them). The script-tag build is `dist/embed.js` (src/embed.ts).
 */
export { init, type NpmInitOptions } from './init';
export type { InitOptions } from './runtime/options';
export type { StorageLike, StorageOption } from './runtime/safe-storage';
export type { TouchpointHandle } from './runtime/widget';
export { STUB_SNIPPET } from './stub-snippet';
export type { MountedSurvey, MountSurvey, SurveyCallbacks, SurveyView } from './ui/survey-view';
export { VERSION } from './version';
