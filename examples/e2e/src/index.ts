/**
 * The end-to-end harness: the reference server with a temporary SQLite database, pages with a recorder of CSP
 * violations and errors, the survey card found by role, and built folders on loopback servers.
 */
export { CLEAN, foreignLines, type OpenedPage, openPage, type Recorded } from './browser-page';
export {
  HOST_CSS,
  HOSTILE_CSS,
  type HostPage,
  type HostSite,
  type Inclusion,
  startHostSite,
} from './host-page';
export { isFocused, tabInto, WCAG_TAGS, waitForCardAnimations } from './keyboard';
export {
  type ReferenceOptions,
  type ReferenceServer,
  type SiteInput,
  startReferenceServer,
} from './reference-server';
export { filesOf, type ServeFolderOptions, serveFolder } from './serve-folder';
export {
  answersOf,
  answerWithMouse,
  eventsOfResponse,
  followUpBox,
  onlyResponse,
  scoreOption,
  sendButton,
  surveyCard,
  thankYou,
} from './survey-card';
