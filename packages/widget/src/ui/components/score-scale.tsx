/**
 * The score options as a radio group (WAI-ARIA APG radio group pattern) with a roving tabindex.
 *
 * Keyboard: the arrow keys (mirrored left/right in RTL), Home and End move focus and selection but answer
 * nothing; Enter or Space answers with the focused option. A click answers at once. So a keyboard or screen
 * reader user can explore the scale freely, and one click or one key press commits, as a tap does on a phone.
 */
import type { ScaleLook, ScaleOption } from '../card-content';
import { FaceIcon } from './face-icon';
import { StarIcon } from './star-icon';

export interface ScoreScaleProps {
  readonly options: readonly ScaleOption[];
  readonly look: ScaleLook;
  readonly selected: number | undefined;
  readonly dir: 'ltr' | 'rtl';
  /** Id of the element naming the group (the question). */
  readonly labelledBy: string;
  onSelect(value: number): void;
  onChoose(value: number): void;
}

export function ScoreScale({
  options,
  look,
  selected,
  dir,
  labelledBy,
  onSelect,
  onChoose,
}: ScoreScaleProps) {
  const count = options.length;
  const stop = Math.max(
    0,
    options.findIndex((option) => option.value === selected),
  );
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const { key } = event;
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    let to: number;
    if (key === 'ArrowDown' || key === forward) to = (index + 1) % count;
    else if (key === 'ArrowUp' || key === back) to = (index - 1 + count) % count;
    else if (key === 'Home') to = 0;
    else if (key === 'End') to = count - 1;
    else if (key === 'Enter' || key === ' ') to = -1;
    else return;
    event.preventDefault();
    if (to < 0) return onChoose(options[index]!.value);
    onSelect(options[to]!.value);
    ((event.currentTarget as Element).parentElement?.children[to] as HTMLElement | undefined)?.focus();
  };
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} class={`s ${look}`}>
      {options.map(({ value, name }, index) => (
        // biome-ignore lint/a11y/useSemanticElements: a native radio needs a hidden input and a styled label per option; a button with role radio draws the number, face or star itself and keeps the APG keyboard model.
        <button
          type="button"
          key={value}
          role="radio"
          aria-checked={value === selected}
          aria-label={name}
          tabIndex={index === stop ? 0 : -1}
          class={look === 'stars' && selected !== undefined && value <= selected ? 'o on' : 'o'}
          onClick={() => onChoose(value)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {look === 'faces' ? <FaceIcon value={value} /> : look === 'stars' ? <StarIcon /> : value}
        </button>
      ))}
    </div>
  );
}
