/**
 * The script of the browser test pages: bundled with the UI by esbuild and served from the page's own origin,
 * so a strict CSP (`script-src 'self'`) allows it. It exposes `window.tp` to drive the card from Playwright.
 */
import { mountSurvey } from '../../../src/ui/index';
import type { MountedSurvey, SurveyView } from '../../../src/ui/survey-view';

export interface Harness {
  readonly calls: unknown[][];
  /** `forceStyleFallback` makes constructable stylesheets throw, as in a browser without them. */
  mount(view: SurveyView, options?: { forceStyleFallback?: boolean }): void;
  close(): void;
}

declare global {
  interface Window {
    tp: Harness;
  }
}

let card: MountedSurvey | undefined;
const calls: unknown[][] = [];

window.tp = {
  calls,
  mount(view, options = {}) {
    if (options.forceStyleFallback) {
      CSSStyleSheet.prototype.replaceSync = () => {
        throw new Error('constructable stylesheets unavailable');
      };
    }
    card = mountSurvey(document, view, {
      onShown: () => calls.push(['shown']),
      onAnswered: (answers) => calls.push(['answered', answers]),
      onCompleted: (answers) => calls.push(['completed', answers]),
      onDismissed: () => calls.push(['dismissed']),
      onClosed: () => calls.push(['closed']),
      onError: (error) => calls.push(['error', error.message]),
    });
  },
  close: () => card?.close(),
};
