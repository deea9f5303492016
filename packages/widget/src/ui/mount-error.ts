import { TouchpointError } from '@touchpoint/core';

/**
 * A survey card could not be shown: the inline target is missing or not a valid selector, or rendering failed.
 * Passed to `SurveyCallbacks.onError`; never thrown into the page.
 */
export class MountError extends TouchpointError {
  override name = 'MountError' as const;
}
