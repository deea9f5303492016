/**
 * The survey runtime of the npm entry, split off by a dynamic import so an app pays for it only on the first
 * occurrence that fires a trigger (as the script tag's chunk). Events go to the `onEvent` option only: the npm
 * entry never imports the collector (a build check proves it); pass `createCollector()` as `onEvent` to use it.
 */
import { createSurveyRuntime, type RuntimeFactory } from './runtime/survey-runtime';
import type { MountSurvey } from './ui/survey-view';

export const startRuntime =
  (mountSurvey: MountSurvey): RuntimeFactory =>
  (params) =>
    createSurveyRuntime(params, { mountSurvey });
