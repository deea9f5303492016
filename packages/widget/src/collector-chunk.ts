/**
 * The `touchpoint-collector.js` chunk of the script tag: the collector that delivers the widget's events (batches,
 * retries, the offline queue shared between tabs, page-unload delivery, consent). embed.js fetches it beside the
 * survey chunk (in parallel, during idle time where a survey's trigger applies), and alone, during idle time, on a
 * page that finds events an earlier page could not deliver (`stored-events.ts`): such a page downloads about 5 kB
 * instead of the survey chunk's 20 kB (decisions/0004). The only module of the widget's script tag that imports the
 * collector (docs/design.md: package boundaries); the hosted page's script has its own.
 */
import { createScriptTagCollector } from '@touchpoint/collector';
import { COLLECTOR_CHUNK } from './runtime/chunk-loader';
import { startDelivery } from './runtime/delivery';
import type { Logger } from './runtime/logger';
import type { DeliveryOptions } from './runtime/options';

/**
 * The collector for the script tag, from the checked options: events go to `POST {endpoint}/v1/events`. Its offline
 * queue lives where the visitor record does (`storage`: local or session; memory or your own storage: memory
 * only), and in consent mode nowhere until consent (the loader and the runtime pass consent on with `setConsent`).
 */
export function createSink(options: DeliveryOptions, log: Logger) {
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

(window as { touchpoint?: { r?: (name: string, value: unknown) => void } }).touchpoint?.r?.(
  COLLECTOR_CHUNK,
  startDelivery(createSink),
);
