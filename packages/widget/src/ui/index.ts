/**
 * The UI chunk's entry: the runtime loads it on the first eligible trigger and calls `mountSurvey`.
 */
export { MountError } from './mount-error';
export { mountSurvey } from './mount-survey';
export type { MountedSurvey, MountSurvey, SurveyCallbacks, SurveyView } from './survey-view';
