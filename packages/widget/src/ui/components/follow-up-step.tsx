/** The optional second step: an open question, a text box, Skip and Send. */
import type { CardContent } from '../card-content';

export interface FollowUpStepProps {
  readonly content: CardContent;
  readonly text: string;
  /** Longest answer accepted, in characters. */
  readonly maxLength: number;
  onInput(text: string): void;
  onSkip(): void;
  onSend(): void;
}

export function FollowUpStep({ content, text, maxLength, onInput, onSkip, onSend }: FollowUpStepProps) {
  return (
    <>
      <label id="t" class="h" for="a">
        {content.followUp}
      </label>
      <textarea
        id="a"
        class="t f"
        value={text}
        maxLength={maxLength}
        placeholder={content.placeholder}
        onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="a">
        <button type="button" class="b" onClick={onSkip}>
          {content.skip}
        </button>
        <button type="button" class="b p" onClick={onSend}>
          {content.send}
        </button>
      </div>
    </>
  );
}
