/**
 * The `touchpoint-debug.js` chunk of the script tag: the words of debug mode (why each survey did or did not show),
 * loaded beside the survey chunk only when `debug` is on (`runtime/words.ts`).
 */
import { DEBUG_CHUNK } from './runtime/chunk-loader';
import * as words from './runtime/words';

(window as { touchpoint?: { r?: (name: string, value: unknown) => void } }).touchpoint?.r?.(
  DEBUG_CHUNK,
  words,
);
