/**
 * The state of one survey card and the only place that creates signals (STYLE.md §3).
 *
 * Steps: `question` → (`follow-up`) → `thanks` → `closed`, or straight to `closed` on a dismissal. Each action
 * checks the step it belongs to, so a second click while completing, a late timer or a close after the end is a
 * no-op (docs/faults.md case 14), and every callback is called at most once, in contract order.
 */
import { type ReadonlySignal, signal } from '@preact/signals-core';
import { type Answer, bandOf, isOnScale, type Survey, scaleOf } from '@touchpoint/core';
import { callSafely as call } from './call-safely';
import type { SurveyCallbacks } from './survey-view';

export type Step = 'question' | 'follow-up' | 'thanks' | 'closed';

export interface SurveyState {
  /** The card is on screen: calls `onShown` (once). */
  shown(): void;
  readonly step: ReadonlySignal<Step>;
  /** The score selected with the arrow keys, or chosen. */
  readonly selected: ReadonlySignal<number | undefined>;
  /** The follow-up text typed so far. */
  readonly text: ReadonlySignal<string>;
  /** The popover is folded into a small tab, so the host's content under it can be read (no dismissal). */
  readonly minimised: ReadonlySignal<boolean>;
  /** Folds the popover into its tab (`true`) or opens it again (`false`). */
  minimise(folded: boolean): void;
  /** Moves the selection (arrow keys) without answering. */
  select(value: number): void;
  /**
   * Answers with a score (click, Enter or Space): on to the follow-up, or complete. On the follow-up step it
   * changes the score already chosen (a new partial answer); the follow-up stays.
   */
  choose(value: number): void;
  setText(text: string): void;
  /** Completes with the score and the typed text; empty (or blank) text is not an answer. */
  send(): void;
  /** Completes with the score only. */
  skip(): void;
  /** Close button or Escape: a dismissal before completion, a plain close on the thank-you step. */
  dismiss(): void;
  /** Ends the card at once without a dismissal (the runtime's `close()`). */
  close(): void;
}

/**
 * @param unmount removes the card from the page; called once, before `onDismissed` and `onClosed`.
 */
export function createSurveyState(
  survey: Survey,
  callbacks: SurveyCallbacks,
  unmount: () => void,
): SurveyState {
  const { question, followUp } = survey;
  const points = question.type === 'ces' ? question.points : 7;
  const step = signal<Step>('question');
  const selected = signal<number | undefined>(undefined);
  const text = signal('');
  const minimised = signal(false);
  let score: Answer | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wasShown = false;

  const complete = (answers: Answer[]) => {
    step.value = 'thanks';
    call(() => callbacks.onCompleted(answers));
    const { autoCloseMs } = survey.thankYou;
    if (autoCloseMs > 0) timer = setTimeout(() => end(false), autoCloseMs);
  };

  const end = (dismissed: boolean) => {
    if (step.peek() === 'closed') return;
    clearTimeout(timer);
    step.value = 'closed';
    unmount();
    if (dismissed) call(() => callbacks.onDismissed());
    call(() => callbacks.onClosed());
  };

  const finish = (withText: boolean) => {
    if (step.peek() !== 'follow-up' || score === undefined) return;
    const value = text.peek().trim().slice(0, followUp?.maxLength);
    complete(
      withText && value && followUp ? [score, { questionId: followUp.id, type: 'text', value }] : [score],
    );
  };

  return {
    step,
    selected,
    text,
    shown() {
      if (wasShown || step.peek() === 'closed') return;
      wasShown = true;
      call(() => callbacks.onShown());
    },
    minimised,
    minimise(folded) {
      minimised.value = folded;
    },
    select(value) {
      if (step.peek() === 'question' || step.peek() === 'follow-up') selected.value = value;
    },
    choose(value) {
      const now = step.peek();
      // On the follow-up step only a different score is a change (the second click of a double click is not).
      if (
        (now !== 'question' && (now !== 'follow-up' || value === score?.value)) ||
        !isOnScale(value, scaleOf(question.type, points))
      )
        return;
      selected.value = value;
      const answer: Answer =
        question.type === 'ces'
          ? { questionId: question.id, type: 'ces', value, points }
          : { questionId: question.id, type: question.type, value };
      score = answer;
      if (now === 'follow-up') return call(() => callbacks.onAnswered([answer]));
      const bands: readonly string[] | undefined = followUp?.bands;
      if (followUp && (!bands || bands.includes(bandOf(question.type, value, points)))) {
        step.value = 'follow-up';
        call(() => callbacks.onAnswered([answer]));
      } else {
        complete([answer]);
      }
    },
    setText(value) {
      text.value = value;
    },
    send: () => finish(true),
    skip: () => finish(false),
    dismiss: () => end(step.peek() !== 'thanks'),
    close: () => end(false),
  };
}
