/**
 * The card: the current step, the close button, Escape, and for the modal placement the overlay and the focus
 * trap. It is the one component that reads the state's signals; the steps below it get plain values.
 */
import type { Placement } from '@touchpoint/core';
import type { CardContent } from '../card-content';
import type { SurveyState } from '../survey-state';
import { trapFocus } from '../trap-focus';
import { CloseButton } from './close-button';
import { FollowUpStep } from './follow-up-step';
import { QuestionStep } from './question-step';
import { ThankYouStep } from './thank-you-step';

export interface SurveyCardProps {
  readonly state: SurveyState;
  readonly content: CardContent;
  readonly placement: Placement;
  readonly colorScheme: 'auto' | 'light' | 'dark';
  readonly locale: string;
  /** Longest follow-up answer, in characters. */
  readonly maxLength: number;
}

export function SurveyCard({ state, content, placement, colorScheme, locale, maxLength }: SurveyCardProps) {
  const step = state.step.value;
  const modal = placement === 'modal';
  // Popovers can fold into a small tab, so the host's content under them (an article's end, a footer) can be read.
  const popover = !modal && placement !== 'inline';
  const fold = (folded: boolean, event: Event) => {
    const root = (event.currentTarget as Element).getRootNode() as ParentNode;
    state.minimise(folded);
    root.querySelector<HTMLElement>(folded ? '.m' : '.n')?.focus();
  };
  if (popover && state.minimised.value)
    return (
      <div class={`w ${placement} ${colorScheme} fo`} dir={content.dir} lang={locale}>
        <button type="button" class="m p" aria-expanded="false" onClick={(event) => fold(false, event)}>
          {content.fold[1]}
        </button>
      </div>
    );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      state.dismiss();
    } else if (modal && event.key === 'Tab') {
      trapFocus(event);
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the modal's overlay dismisses; Escape is its keyboard equivalent.
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape, handled on the card, does the same from the keyboard.
    <div
      class={`w ${placement} ${colorScheme}`}
      onClick={modal ? (event) => event.target === event.currentTarget && state.dismiss() : undefined}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is a dialog (aria-modal when modal) or a region; biome cannot see an expression's role. */}
      <div
        class="c"
        role={placement === 'inline' ? 'region' : 'dialog'}
        aria-modal={modal ? 'true' : undefined}
        aria-labelledby="t"
        dir={content.dir}
        lang={locale}
        onKeyDown={onKeyDown}
      >
        {step === 'question' ? (
          <QuestionStep
            content={content}
            selected={state.selected.value}
            onSelect={state.select}
            onChoose={state.choose}
          />
        ) : step === 'follow-up' ? (
          <FollowUpStep
            content={content}
            text={state.text.value}
            selected={state.selected.value}
            onSelect={state.select}
            onChoose={state.choose}
            maxLength={maxLength}
            onInput={state.setText}
            onSkip={state.skip}
            onSend={state.send}
          />
        ) : (
          <ThankYouStep text={content.thankYou} />
        )}
        {popover && step !== 'thanks' && (
          <button type="button" class="n" aria-label={content.fold[0]} onClick={(event) => fold(true, event)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 12h12" />
            </svg>
          </button>
        )}
        <CloseButton label={content.close} onClose={state.dismiss} />
      </div>
    </div>
  );
}
