/**
 * The custom-backend example: a body mapper, the app's own endpoint, and the app server that serves both.
 */
export {
  FEEDBACK_PATH,
  type FeedbackBody,
  type FeedbackRow,
  feedbackBody,
  toFeedbackRow,
} from './feedback-body';
export { createFeedbackStore, type FeedbackStore, handleFeedback, MAX_BODY_BYTES } from './feedback-endpoint';
export { type SupportApp, type SupportAppOptions, startSupportApp } from './support-app';
export { SURVEYS } from './surveys';
