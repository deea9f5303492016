/**
 * `mountSurvey`: draws one survey card in its own shadow root and reports what the visitor does.
 */
import { effect } from '@preact/signals-core';
import type { Survey } from '@touchpoint/core';
import { h, render } from 'preact';
import { callSafely } from './call-safely';
import { cardContent } from './card-content';
import { CARD_CSS } from './card-css';
import { SurveyCard } from './components/survey-card';
import { textColorOn } from './contrast';
import { injectStyles } from './inject-styles';
import { MountError } from './mount-error';
import { DEFAULT_BRAND } from './palette';
import { createSurveyState } from './survey-state';
import type { MountSurvey } from './survey-view';

/** The card's font when `appearance.fontFamily` is not set. */
export const DEFAULT_FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
/** Corner radius of the card in px when `appearance.radius` is not set. */
export const DEFAULT_RADIUS = 12;

/**
 * Draws one survey card into `document` and reports what the visitor does through `callbacks`.
 *
 * - Popovers (`bottom-right`, `bottom-left`) and `inline` cards never take focus; `modal` moves focus into the
 *   card, traps Tab there and gives it back on close. Every placement gives focus back to where it was when it
 *   closes with focus inside.
 * - Never throws: a missing inline target or a failed render calls `onError` (or logs), then `onClosed`.
 *
 * @example
 * const card = mountSurvey(document, { survey, appearance, locale: 'nl' }, {
 *   onShown() {}, onAnswered(answers) {}, onCompleted(answers) {}, onDismissed() {}, onClosed() {},
 * });
 * card.close(); // e.g. on SPA navigation
 */
export const mountSurvey: MountSurvey = (document, view, callbacks) => {
  const { survey, appearance, locale } = view;
  const { placement } = survey.display;
  const host = document.createElement('div');
  let returnFocusTo = document.activeElement;
  let dispose = () => {};

  const unmount = () => {
    const root = host.shadowRoot;
    const focusInside = placement === 'modal' || Boolean(root?.activeElement);
    dispose();
    if (root) render(null, root);
    host.remove();
    if (focusInside && returnFocusTo?.isConnected)
      (returnFocusTo as HTMLElement).focus?.({ preventScroll: true });
  };
  const state = createSurveyState(survey, callbacks, unmount);

  try {
    const parent =
      placement === 'inline' ? inlineTarget(document, survey) : (document.body ?? document.documentElement);
    const root = host.attachShadow({ mode: 'open' });
    // Remember where focus came from each time it enters the card, to give it back there on close. (A move
    // inside the card shows up as the host itself, or as an element of the shadow root.)
    host.addEventListener('focusin', (event) => {
      const from = event.relatedTarget;
      if (from instanceof Element && from !== host && from.getRootNode() !== root) returnFocusTo = from;
    });
    const brand = appearance.brandColor ?? DEFAULT_BRAND;
    const properties = {
      brand,
      on: textColorOn(brand),
      r: `${appearance.radius ?? DEFAULT_RADIUS}px`,
      font: appearance.fontFamily ?? DEFAULT_FONT,
      z: String(appearance.zIndex),
    };
    // CSSOM custom properties, never a style attribute: strict-CSP safe.
    for (const [name, value] of Object.entries(properties)) host.style.setProperty(`--${name}`, value);
    host.setAttribute('data-touchpoint', '');
    const content = cardContent(survey, locale);
    const props = {
      state,
      content,
      placement,
      colorScheme: appearance.colorScheme,
      locale,
      maxLength: survey.followUp?.maxLength ?? 1000,
    };
    let lastStep = state.step.peek();
    let renderError: unknown;
    dispose = effect(() => {
      const step = state.step.value;
      if (step === 'closed') return;
      const focusInside = root.activeElement !== null;
      try {
        render(h(SurveyCard, props), root);
      } catch (error) {
        renderError = error;
        return;
      }
      // A new step replaces the focused control: move focus to the new step, but only if it was in the card.
      if (step !== lastStep && focusInside) root.querySelector<HTMLElement>('.f')?.focus();
      lastStep = step;
    });
    if (renderError) throw renderError;
    // Preact owns the shadow root's children, so styles go in after the first render (a fallback <style> placed
    // before it would be taken for a stale child and removed).
    injectStyles(root, CARD_CSS, view.nonce);
    parent.append(host);
    if (placement === 'modal') root.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
    state.shown();
  } catch (error) {
    const mountError =
      error instanceof MountError
        ? error
        : new MountError(`survey "${survey.id}" could not be shown: ${String(error)}`, { cause: error });
    callSafely(() => {
      if (callbacks.onError) callbacks.onError(mountError);
      else console.error(`[touchpoint] ${mountError.message}`);
    });
    state.close();
  }
  return { close: state.close };
};

function inlineTarget(document: Document, survey: Survey): Element {
  const selector = survey.display.target ?? '';
  let target: Element | null = null;
  try {
    target = document.querySelector(selector);
  } catch {}
  if (target) return target;
  throw new MountError(
    `survey "${survey.id}" is inline, but its target "${selector}" is not on the page (or not a valid CSS selector)`,
  );
}
