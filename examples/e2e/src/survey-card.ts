/**
 * The survey card as a visitor meets it, found by role inside its open shadow root (Playwright's locators pierce
 * open shadow roots). The host element is the page's `[data-touchpoint]`.
 */
import type { Metric, WireEvent } from '@touchpoint/core';
import type { Locator, Page } from 'playwright-core';

/** The card itself: a dialog for popovers and the modal, a region when inline. */
export function surveyCard(page: Page): Locator {
  return page.locator('[data-touchpoint]').locator('[role=dialog], [role=region]');
}

/** Lowest value of each metric's scale (the radios are in value order in the DOM, in every direction). */
const LOWEST: Record<Metric, number> = { nps: 0, ces: 1, csat: 1 };

/** The radio of a score. */
export function scoreOption(page: Page, metric: Metric, value: number): Locator {
  return surveyCard(page)
    .getByRole('radio')
    .nth(value - LOWEST[metric]);
}

export const followUpBox = (page: Page) => surveyCard(page).getByRole('textbox');
export const sendButton = (page: Page) => surveyCard(page).getByRole('button', { name: 'Send', exact: true });
export const thankYou = (page: Page) => surveyCard(page).getByRole('status');

/** Answers with the mouse: a click on the score, the follow-up typed, Send. */
export async function answerWithMouse(
  page: Page,
  metric: Metric,
  value: number,
  text: string,
): Promise<void> {
  await scoreOption(page, metric, value).click();
  await followUpBox(page).fill(text);
  await sendButton(page).click();
}

/** The events of one survey display, by type, in the order stored. */
export function eventsOfResponse(events: readonly WireEvent[], responseId: string) {
  const of = events.filter((event) => event.responseId === responseId);
  return { types: of.map((event) => event.type), events: of };
}

/**
 * The one display of `surveyId` among stored events: its response id, and every event of it. Throws when there is
 * not exactly one display, so a duplicate display fails the test that asked.
 */
export function onlyResponse(events: readonly WireEvent[], surveyId: string) {
  const responseIds = [...new Set(events.filter((e) => e.surveyId === surveyId).map((e) => e.responseId))];
  if (responseIds.length !== 1)
    throw new Error(`expected one display of ${surveyId}, found ${responseIds.length}`);
  return eventsOfResponse(events, responseIds[0]!);
}

/** What a completed event says: its answers as `[type, value]` pairs. */
export function answersOf(event: WireEvent | undefined): [string, string | number][] {
  if (event === undefined || !('answers' in event)) return [];
  return event.answers.map((answer) => [answer.type, answer.value]);
}
