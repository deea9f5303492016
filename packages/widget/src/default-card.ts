/**
 * Where the npm entry gets the built-in survey card. The card (src/ui, built in parallel) is not on main yet, so
 * there is none: `init` then needs the `mountSurvey` option and says so. When src/ui/index.ts lands this becomes
 * `() => import('./ui/index').then((ui) => ui.mountSurvey)`.
 */
import type { MountSurvey } from './ui/survey-view';

export const loadBuiltInCard: (() => Promise<MountSurvey>) | undefined = undefined;
