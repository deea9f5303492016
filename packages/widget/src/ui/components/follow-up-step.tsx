/**
 * The optional second step: the score chosen, shown on its scale and still changeable (a click or Enter on another
 * option changes it), then the open question, a text box, Skip and Send.
 */
import type { CardContent } from '../card-content';
import { ScoreScale } from './score-scale';

export interface FollowUpStepProps {
  readonly content: CardContent;
  readonly text: string;
  /** The score chosen on the first step. */
  readonly selected: number | undefined;
  /** Longest answer accepted, in characters. */
  readonly maxLength: number;
  onSelect(value: number): void;
  onChoose(value: number): void;
  onInput(text: string): void;
  onSkip(): void;
  onSend(): void;
}

export function FollowUpStep(props: FollowUpStepProps) {
  const { content, text, maxLength, onInput, onSkip, onSend } = props;
  return (
    <>
      <p id="q" class="q">
        {content.question}
      </p>
      <ScoreScale
        options={content.options}
        look={content.look}
        selected={props.selected}
        dir={content.dir}
        labelledBy="q"
        onSelect={props.onSelect}
        onChoose={props.onChoose}
      />
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
