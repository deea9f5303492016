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
            maxLength={maxLength}
            onInput={state.setText}
            onSkip={state.skip}
            onSend={state.send}
          />
        ) : (
          <ThankYouStep text={content.thankYou} />
        )}
        <CloseButton label={content.close} onClose={state.dismiss} />
      </div>
    </div>
  );
}
