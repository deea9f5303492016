/**
 * @touchpoint/widget — the npm entry. `init(config)` arrives with the runtime; until then this entry exposes the
 * contract between runtime and UI.
 */
export type { MountedSurvey, MountSurvey, SurveyCallbacks, SurveyView } from './ui/survey-view';
