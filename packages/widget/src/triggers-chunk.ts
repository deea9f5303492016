/**
 * The `touchpoint-triggers.js` chunk of the script tag: the DOM trigger sources, loaded by embed.js on pages where
 * a click, scroll-depth, time-on-page, exit-intent or element-visible trigger applies.
 */
import { TRIGGERS_CHUNK } from './runtime/chunk-loader';
import { startTriggerSources } from './runtime/triggers/trigger-sources';

(window as { touchpoint?: { r?: (name: string, value: unknown) => void } }).touchpoint?.r?.(
  TRIGGERS_CHUNK,
  startTriggerSources,
);
