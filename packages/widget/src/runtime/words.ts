/**
 * The words of debug mode: core's explanations of the display rules' findings and of what happened on the page,
 * the runtime's own sentences, and the full check of the config with core's schemas. Only debug mode loads them (the script tag's
 * `touchpoint-debug.js`, a dynamic import for npm), so the survey runtime decides without shipping a sentence it
 * would never print, or a schema it would not need.
 */
export { describeOccurrence, explainReason } from '@touchpoint/core';
export { type Sentences, sentences } from './sentences';
export { configProblems } from './validate/check-config';

/** What `words.ts` exports, as the runtime receives it. */
export interface Words {
  readonly describeOccurrence: typeof import('@touchpoint/core').describeOccurrence;
  readonly explainReason: typeof import('@touchpoint/core').explainReason;
  readonly configProblems: typeof import('./validate/check-config').configProblems;
  readonly sentences: import('./sentences').Sentences;
}
