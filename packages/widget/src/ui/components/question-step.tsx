/** The first step: the question, the score scale and its end labels. */
import type { CardContent } from '../card-content';
import { ScoreScale } from './score-scale';

export interface QuestionStepProps {
  readonly content: CardContent;
  readonly selected: number | undefined;
  onSelect(value: number): void;
  onChoose(value: number): void;
}

export function QuestionStep({ content, selected, onSelect, onChoose }: QuestionStepProps) {
  return (
    <>
      <p id="t" class="h">
        {content.question}
      </p>
      <ScoreScale
        options={content.options}
        look={content.look}
        selected={selected}
        dir={content.dir}
        labelledBy="t"
        onSelect={onSelect}
        onChoose={onChoose}
      />
      {/* The end labels are part of the end options' names, so assistive technology skips this copy. */}
      <p class="e" aria-hidden="true">
        <span>{content.low}</span>
        <span>{content.high}</span>
      </p>
    </>
  );
}
