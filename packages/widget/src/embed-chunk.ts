/**
 * The `touchpoint-survey.js` chunk of the script tag: the survey runtime (display rules, visitor history, wire
 * events) and the survey card. embed.js fetches it during idle time on a page where a survey's trigger applies
 * (the preload, decisions/0004), together with the collector chunk (`touchpoint-collector.js`, which delivers the
 * events), and starts the runtime on the first occurrence that fires a trigger once both are there.
 */
import { SURVEY_CHUNK } from './runtime/chunk-loader';
import { createSurveyRuntime, type RuntimeFactory } from './runtime/survey-runtime';
import { mountSurvey } from './ui/index';

const startSurveyRuntime: RuntimeFactory = (params) => createSurveyRuntime(params, { mountSurvey });

(window as { touchpoint?: { r?: (name: string, value: unknown) => void } }).touchpoint?.r?.(
  SURVEY_CHUNK,
  startSurveyRuntime,
);
