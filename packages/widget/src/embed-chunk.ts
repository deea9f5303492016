/**
 * The `touchpoint-survey.js` chunk of the script tag: the survey runtime (display rules, visitor history, wire
 * events), the survey card and the collector. embed.js fetches it during idle time on a page where a survey's
 * trigger applies (the preload, decisions/0004) and starts it on the first occurrence that fires a trigger, or
 * during idle time on a page that finds events an earlier page could not deliver (`stored-events.ts`).
 * The only module of the widget that imports the collector (docs/design.md: package boundaries).
 */
import { createScriptTagCollector } from '@touchpoint/collector';
import { SURVEY_CHUNK } from './runtime/chunk-loader';
import type { Logger } from './runtime/logger';
import type { ResolvedOptions } from './runtime/options';
import { createSurveyRuntime, type RuntimeFactory } from './runtime/survey-runtime';
import { mountSurvey } from './ui/index';

/**
 * The collector for the script tag, from the checked options: events go to `POST {endpoint}/v1/events`. Its offline
 * queue lives where the visitor record does (`storage`: local or session; memory or your own storage: memory
 * only), and in consent mode nowhere until consent (the runtime passes consent on with `setConsent`).
 */
export function createSink(options: ResolvedOptions, log: Logger) {
  const { endpoint, siteKey, storage } = options;
  if (endpoint === undefined) return undefined;
  let area: Storage | null = null;
  try {
    area = storage === 'local' ? localStorage : storage === 'session' ? sessionStorage : null;
  } catch {} // storage blocked (sandboxed iframe): memory only
  const line = (level: 'warn' | 'error') => (message: string) =>
    log[level](message.replace(/^\[touchpoint\] /, ''));
  return createScriptTagCollector({
    endpoint,
    siteKey,
    storage: area,
    consent: { required: options.consentRequired },
    logger: { warn: line('warn'), error: line('error') },
  });
}

const startSurveyRuntime: RuntimeFactory = (params) =>
  createSurveyRuntime(params, { createSink, mountSurvey });

(window as { touchpoint?: { r?: (name: string, value: unknown) => void } }).touchpoint?.r?.(
  SURVEY_CHUNK,
  startSurveyRuntime,
);
