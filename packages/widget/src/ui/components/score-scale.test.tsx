import { cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInShadow } from '../../../test/ui/render-in-shadow';
import { ScoreScale } from './score-scale';

afterEach(cleanup);

const options = [1, 2, 3, 4, 5].map((value) => ({ value, name: `${value}` }));

function scale(selected: number | undefined, dir: 'ltr' | 'rtl' = 'ltr') {
  const onSelect = vi.fn();
  const onChoose = vi.fn();
  const view = renderInShadow(
    <>
      <p id="q">Pick one</p>
      <ScoreScale
        options={options}
        look="numbers"
        selected={selected}
        dir={dir}
        labelledBy="q"
        onSelect={onSelect}
        onChoose={onChoose}
      />
    </>,
  );
  return { ...view, onSelect, onChoose };
}

describe('ScoreScale', () => {
  it('is a named radio group with one tab stop on the selected option', () => {
    const { getByRole, getAllByRole } = scale(4);
    expect(getByRole('radiogroup', { name: 'Pick one' })).toBeTruthy();
    expect(
      getAllByRole('radio').map((radio) => [radio.tabIndex, radio.getAttribute('aria-checked')]),
    ).toEqual([
      [-1, 'false'],
      [-1, 'false'],
      [-1, 'false'],
      [0, 'true'],
      [-1, 'false'],
    ]);
  });

  it('arrows select (wrapping), Home and End jump, other keys do nothing', () => {
    const { getAllByRole, onSelect, onChoose } = scale(undefined);
    const radios = getAllByRole('radio');
    fireEvent.keyDown(radios[0]!, { key: 'ArrowLeft' });
    fireEvent.keyDown(radios[0]!, { key: 'ArrowDown' });
    fireEvent.keyDown(radios[2]!, { key: 'ArrowUp' });
    fireEvent.keyDown(radios[2]!, { key: 'End' });
    fireEvent.keyDown(radios[2]!, { key: 'Home' });
    fireEvent.keyDown(radios[2]!, { key: 'a' });
    expect(onSelect.mock.calls.flat()).toEqual([5, 2, 2, 5, 1]);
    expect(onChoose).not.toHaveBeenCalled();
  });

  it('mirrors left and right in RTL, not up and down', () => {
    const { getAllByRole, onSelect } = scale(3, 'rtl');
    const radios = getAllByRole('radio');
    fireEvent.keyDown(radios[2]!, { key: 'ArrowLeft' });
    fireEvent.keyDown(radios[2]!, { key: 'ArrowRight' });
    fireEvent.keyDown(radios[2]!, { key: 'ArrowDown' });
    expect(onSelect.mock.calls.flat()).toEqual([4, 2, 4]);
  });

  it('Enter, Space and a click answer with that option', () => {
    const { getAllByRole, onChoose } = scale(undefined);
    const radios = getAllByRole('radio');
    fireEvent.keyDown(radios[1]!, { key: 'Enter' });
    fireEvent.keyDown(radios[2]!, { key: ' ' });
    fireEvent.click(radios[4]!);
    expect(onChoose.mock.calls.flat()).toEqual([2, 3, 5]);
  });
});
