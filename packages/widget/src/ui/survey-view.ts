/**
 * The contract between the runtime (which decides when a survey shows and turns what happens into wire events)
 * and the UI chunk (which draws one survey card and reports what the visitor does).
 *
 * The UI never creates wire events, ids or timestamps; the runtime never touches the card's DOM.
 */
import type { Answer, Appearance, Survey } from '@touchpoint/core';

export interface SurveyView {
  /** The survey, defaults filled in (validated by core's schema). */
  readonly survey: Survey;
  readonly appearance: Appearance;
  /** BCP 47 locale the texts are resolved for (config, then `<html lang>`, then the browser). */
  readonly locale: string;
  /** CSP nonce for the fallback `<style>` when constructable stylesheets are unavailable. */
  readonly nonce?: string;
}

export interface SurveyCallbacks {
  /** The card is on screen. */
  onShown(): void;
  /** A score was chosen and a follow-up question is coming: a partial answer. */
  onAnswered(answers: readonly Answer[]): void;
  /** The survey is complete (score, plus the follow-up text when one was given). */
  onCompleted(answers: readonly Answer[]): void;
  /** The visitor closed the card before completing it (close button or Escape). */
  onDismissed(): void;
  /** The card is gone from the page (after the thank-you step, a dismissal or `close()`). */
  onClosed(): void;
  /**
   * The card could not be shown (an inline target that is not on the page, a failed render). Called instead of
   * `onShown` and followed by `onClosed`; without it the error is logged with the `[touchpoint]` prefix.
   * Nothing is ever thrown into the page.
   */
  onError?(error: Error): void;
}

export interface MountedSurvey {
  /** Removes the card at once (e.g. on SPA navigation or `destroy()`); calls `onClosed`, never `onDismissed`. */
  close(): void;
}

/** Draws one survey card into `document` and reports what the visitor does. */
export type MountSurvey = (document: Document, view: SurveyView, callbacks: SurveyCallbacks) => MountedSurvey;
