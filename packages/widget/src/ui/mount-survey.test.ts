import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, recorder, view } from '../../test/ui/survey-fixture';
import { mountSurvey } from './mount-survey';
import type { SurveyView } from './survey-view';

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

function mount(surveyView: SurveyView) {
  const callbacks = recorder();
  const card = mountSurvey(document, surveyView, callbacks);
  const host = document.querySelector<HTMLElement>('[data-touchpoint]');
  const root = host?.shadowRoot ?? null;
  return { card, callbacks, host, root, screen: within(root as unknown as HTMLElement) };
}

const key = (element: Element, name: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(element, { key: name, ...init });
const names = (calls: Call[]) => calls.map(([name]) => name);
const focusedName = (root: ShadowRoot | null) => root?.activeElement?.getAttribute('aria-label');

describe('keyboard-only flows, one per metric', () => {
  it('NPS 0–10: arrows move the selection without answering, Enter answers', () => {
    const { callbacks, root, screen } = mount(view());
    const group = screen.getByRole('radiogroup', {
      name: 'How likely are you to recommend us to a friend or colleague?',
    });
    const options = within(group).getAllByRole('radio');
    expect(options.map((option) => option.getAttribute('aria-label'))).toEqual([
      '0, Not at all likely',
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      '10, Extremely likely',
    ]);
    // One tab stop (roving tabindex): the first option until something is selected.
    expect(options.map((option) => option.tabIndex)).toEqual([0, ...Array(10).fill(-1)]);
    options[0]!.focus();
    for (let i = 0; i < 8; i++) key(root!.activeElement!, 'ArrowRight');
    key(root!.activeElement!, 'ArrowLeft');
    expect(focusedName(root)).toBe('7');
    expect(screen.getByRole('radio', { name: '7' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: '7' }).tabIndex).toBe(0);
    expect(names(callbacks.calls)).toEqual(['shown']);
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls).toEqual([
      ['shown'],
      ['completed', [{ questionId: 'score', type: 'nps', value: 7 }]],
    ]);
    expect(screen.getByRole('status').textContent).toBe('Thank you for your feedback!');
  });

  it('CES 1–7: Home, End, Up and Down; Space answers; the answer carries points: 7', () => {
    const { callbacks, root, screen } = mount(view({ question: { type: 'ces' } }));
    const options = screen.getAllByRole('radio');
    expect(options).toHaveLength(7);
    expect(options[0]!.getAttribute('aria-label')).toBe('1, Strongly disagree');
    expect(options[6]!.getAttribute('aria-label')).toBe('7, Strongly agree');
    options[0]!.focus();
    key(root!.activeElement!, 'End');
    expect(focusedName(root)).toBe('7, Strongly agree');
    key(root!.activeElement!, 'ArrowUp');
    key(root!.activeElement!, 'ArrowUp');
    key(root!.activeElement!, 'ArrowDown');
    key(root!.activeElement!, ' ');
    expect(callbacks.calls[1]).toEqual([
      'completed',
      [{ questionId: 'score', type: 'ces', value: 6, points: 7 }],
    ]);
  });

  it('CES 1–5: five options, arrows wrap around, points: 5', () => {
    const { callbacks, root, screen } = mount(view({ question: { type: 'ces', points: 5, id: 'effort' } }));
    const options = screen.getAllByRole('radio');
    expect(options).toHaveLength(5);
    options[0]!.focus();
    key(root!.activeElement!, 'ArrowLeft');
    expect(focusedName(root)).toBe('5, Strongly agree');
    key(root!.activeElement!, 'ArrowRight');
    expect(focusedName(root)).toBe('1, Strongly disagree');
    key(root!.activeElement!, 'Home');
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls[1]).toEqual([
      'completed',
      [{ questionId: 'effort', type: 'ces', value: 1, points: 5 }],
    ]);
  });

  it('CSAT numbers: 1–5 with the satisfaction end labels', () => {
    const { callbacks, root, screen } = mount(view({ question: { type: 'csat' } }));
    expect(screen.getAllByRole('radio').map((option) => option.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    screen.getByRole('radio', { name: '1, Very unsatisfied' }).focus();
    key(root!.activeElement!, 'End');
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls[1]).toEqual(['completed', [{ questionId: 'score', type: 'csat', value: 5 }]]);
  });

  it('CSAT faces: each face is named, none shows a number', () => {
    const { callbacks, root, screen } = mount(view({ question: { type: 'csat', style: 'faces' } }));
    const options = screen.getAllByRole('radio');
    expect(options.map((option) => option.getAttribute('aria-label'))).toEqual([
      'Very unsatisfied',
      'Unsatisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
    ]);
    expect(options.every((option) => option.textContent === '' && option.querySelector('svg'))).toBe(true);
    options[0]!.focus();
    key(root!.activeElement!, 'ArrowRight');
    key(root!.activeElement!, 'ArrowRight');
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls[1]).toEqual(['completed', [{ questionId: 'score', type: 'csat', value: 3 }]]);
  });

  it('CSAT stars: named "n stars"; the selection fills every star up to it', () => {
    const { callbacks, root, screen } = mount(view({ question: { type: 'csat', style: 'stars' } }));
    const options = screen.getAllByRole('radio');
    expect(options.map((option) => option.getAttribute('aria-label'))).toEqual([
      '1 star, Very unsatisfied',
      '2 stars',
      '3 stars',
      '4 stars',
      '5 stars, Very satisfied',
    ]);
    options[0]!.focus();
    for (let i = 0; i < 3; i++) key(root!.activeElement!, 'ArrowRight');
    const filled = screen.getAllByRole('radio').map((option) => option.classList.contains('on'));
    expect(filled).toEqual([true, true, true, true, false]);
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls[1]).toEqual(['completed', [{ questionId: 'score', type: 'csat', value: 4 }]]);
  });
});

describe('follow-up by score band', () => {
  const detractorsOnly = {
    followUp: { text: 'What went wrong?', bands: ['detractor'], placeholder: 'Tell us' },
  };

  it('asks a detractor, then completes with the score and the trimmed text', () => {
    const { callbacks, root, screen } = mount(view(detractorsOnly));
    screen.getByRole('radio', { name: '3' }).focus();
    key(root!.activeElement!, 'Enter');
    expect(callbacks.calls).toEqual([
      ['shown'],
      ['answered', [{ questionId: 'score', type: 'nps', value: 3 }]],
    ]);
    const box = screen.getByRole('textbox', { name: 'What went wrong?' }) as HTMLTextAreaElement;
    expect(box.placeholder).toBe('Tell us');
    expect(box.maxLength).toBe(1000);
    // Focus was in the card, so it moves on to the text box rather than falling back to the page.
    expect(root!.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: '  Too slow  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(callbacks.calls.slice(2)).toEqual([
      [
        'completed',
        [
          { questionId: 'score', type: 'nps', value: 3 },
          { questionId: 'reason', type: 'text', value: 'Too slow' },
        ],
      ],
    ]);
    expect(root!.activeElement).toBe(screen.getByRole('status'));
  });

  it('does not ask a promoter', () => {
    const { callbacks, screen } = mount(view(detractorsOnly));
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    expect(names(callbacks.calls)).toEqual(['shown', 'completed']);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('asks every band when bands are left out; Skip, and Send with blank text, give no text answer', () => {
    for (const button of ['Skip', 'Send']) {
      const { callbacks, screen, card } = mount(view({ followUp: {} }));
      fireEvent.click(screen.getByRole('radio', { name: '10, Extremely likely' }));
      expect(screen.getByRole('textbox', { name: 'What is the main reason for your score?' })).toBeTruthy();
      fireEvent.input(screen.getByRole('textbox'), { target: { value: '   ' } });
      fireEvent.click(screen.getByRole('button', { name: button }));
      expect(callbacks.calls.at(-1)).toEqual([
        'completed',
        [{ questionId: 'score', type: 'nps', value: 10 }],
      ]);
      card.close();
    }
  });

  it('uses CES and CSAT bands too', () => {
    const ces = mount(view({ question: { type: 'ces' }, followUp: { bands: ['disagree'] } }));
    fireEvent.click(ces.screen.getByRole('radio', { name: '4' }));
    expect(names(ces.callbacks.calls)).toEqual(['shown', 'completed']);
    ces.card.close();
    const csat = mount(view({ question: { type: 'csat' }, followUp: { bands: ['unsatisfied', 'neutral'] } }));
    fireEvent.click(csat.screen.getByRole('radio', { name: '3' }));
    expect(names(csat.callbacks.calls)).toEqual(['shown', 'answered']);
  });
});

describe('thank-you step', () => {
  it('closes itself after autoCloseMs; that close is not a dismissal', () => {
    vi.useFakeTimers();
    const { callbacks, screen, host } = mount(view({ thankYou: { autoCloseMs: 2000, text: 'Dank je!' } }));
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    expect(screen.getByRole('status').textContent).toBe('Dank je!');
    vi.advanceTimersByTime(1999);
    expect(host!.isConnected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(host!.isConnected).toBe(false);
    expect(names(callbacks.calls)).toEqual(['shown', 'completed', 'closed']);
  });

  it('stays until closed when autoCloseMs is 0; its close button closes without a dismissal', () => {
    vi.useFakeTimers();
    const { callbacks, screen, host } = mount(view({ thankYou: { autoCloseMs: 0 } }));
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    vi.advanceTimersByTime(600_000);
    expect(host!.isConnected).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(names(callbacks.calls)).toEqual(['shown', 'completed', 'closed']);
  });
});

describe('dismissal and closing', () => {
  it('Escape dismisses before completion: onDismissed, then onClosed, and the card is gone', () => {
    const { callbacks, root, host } = mount(view());
    const option = root!.querySelector<HTMLElement>('[role=radio]')!;
    option.focus();
    key(option, 'Escape');
    expect(names(callbacks.calls)).toEqual(['shown', 'dismissed', 'closed']);
    expect(host!.isConnected).toBe(false);
  });

  it('the close button dismisses after a partial answer', () => {
    const { callbacks, screen } = mount(view({ followUp: {} }));
    fireEvent.click(screen.getByRole('radio', { name: '5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(names(callbacks.calls)).toEqual(['shown', 'answered', 'dismissed', 'closed']);
  });

  it('close() removes the card at once, never as a dismissal, and only once', () => {
    vi.useFakeTimers();
    const { callbacks, card, host, screen } = mount(view());
    const option = screen.getByRole('radio', { name: '5' });
    card.close();
    card.close();
    fireEvent.click(option);
    vi.runAllTimers();
    expect(host!.isConnected).toBe(false);
    expect(names(callbacks.calls)).toEqual(['shown', 'closed']);
  });

  it('a second click while completing is a no-op (fault case 14)', () => {
    const { callbacks, root } = mount(view({ followUp: {} }));
    const three = root!.querySelectorAll<HTMLElement>('[role=radio]')[3]!;
    // Both clicks land before anything else happens, as a double click does.
    three.click();
    three.click();
    const send = within(root as unknown as HTMLElement).getByRole('button', { name: 'Send' });
    send.click();
    send.click();
    expect(callbacks.calls).toEqual([
      ['shown'],
      ['answered', [{ questionId: 'score', type: 'nps', value: 3 }]],
      ['completed', [{ questionId: 'score', type: 'nps', value: 3 }]],
    ]);
  });

  it('the follow-up step shows the score chosen, and changing it sends a new partial answer and completes with it', () => {
    const { callbacks, root } = mount(view({ followUp: {} }));
    const screen = within(root as unknown as HTMLElement);
    screen.getByRole('radio', { name: '3' }).click();
    expect(screen.getByRole('textbox')).toBeTruthy();
    expect(screen.getByRole('radio', { checked: true }).textContent).toBe('3');
    screen.getByRole('radio', { name: '8' }).click();
    expect(screen.getByRole('radio', { checked: true }).textContent).toBe('8');
    screen.getByRole('button', { name: 'Skip' }).click();
    expect(callbacks.calls).toEqual([
      ['shown'],
      ['answered', [{ questionId: 'score', type: 'nps', value: 3 }]],
      ['answered', [{ questionId: 'score', type: 'nps', value: 8 }]],
      ['completed', [{ questionId: 'score', type: 'nps', value: 8 }]],
    ]);
  });

  it('a popover folds into a tab that opens it again, keeping focus and sending no dismissal', () => {
    const { callbacks, root } = mount(view({}));
    const screen = within(root as unknown as HTMLElement);
    screen.getByRole('button', { name: 'Minimise' }).click();
    expect(root!.querySelector('[role=dialog]')).toBeNull();
    const tab = screen.getByRole('button', { name: 'Open the survey' });
    expect(root!.activeElement).toBe(tab);
    tab.click();
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(root!.activeElement).toBe(screen.getByRole('button', { name: 'Minimise' }));
    expect(callbacks.calls).toEqual([['shown']]);
  });

  it('a modal has no minimise button (it covers the page on purpose, and Escape closes it)', () => {
    const { root } = mount(view({ display: { placement: 'modal' } }));
    expect(root!.querySelector('[role=dialog]')).toBeTruthy();
    expect(root!.querySelector('.n')).toBeNull();
  });

  it('a throwing callback is logged with the prefix and the flow goes on', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const calls: string[] = [];
    mountSurvey(document, view(), {
      onShown: () => calls.push('shown'),
      onAnswered: () => calls.push('answered'),
      onCompleted: () => {
        throw new Error('runtime bug');
      },
      onDismissed: () => calls.push('dismissed'),
      onClosed: () => calls.push('closed'),
    });
    const root = document.querySelector('[data-touchpoint]')!.shadowRoot!;
    fireEvent.click(within(root as unknown as HTMLElement).getByRole('radio', { name: '9' }));
    expect(error).toHaveBeenCalledWith('[touchpoint] a survey callback threw:', expect.any(Error));
    fireEvent.click(within(root as unknown as HTMLElement).getByRole('button', { name: 'Close' }));
    expect(calls).toEqual(['shown', 'closed']);
    error.mockRestore();
  });
});

describe('focus', () => {
  it('a popover takes no focus; focus stays in the host input', () => {
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    mount(view());
    expect(document.activeElement).toBe(input);
  });

  it('focus goes back to where it was when a popover closes with focus inside', () => {
    const button = document.body.appendChild(document.createElement('button'));
    button.focus();
    const { root, callbacks } = mount(view({ display: { placement: 'bottom-left' } }));
    const option = root!.querySelector<HTMLElement>('[role=radio]')!;
    option.focus();
    expect(document.activeElement).not.toBe(button);
    key(option, 'Escape');
    expect(document.activeElement).toBe(button);
    expect(names(callbacks.calls)).toEqual(['shown', 'dismissed', 'closed']);
  });

  it('an inline card closing while focus is elsewhere leaves focus alone', () => {
    const target = document.body.appendChild(document.createElement('section'));
    target.id = 'feedback';
    const input = document.body.appendChild(document.createElement('input'));
    const { card } = mount(view({ display: { placement: 'inline', target: '#feedback' } }));
    input.focus();
    card.close();
    expect(document.activeElement).toBe(input);
  });

  it('a modal moves focus in, traps Tab and Shift+Tab, and gives focus back on close', () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const { root, screen, callbacks } = mount(view({ display: { placement: 'modal' }, followUp: {} }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(focusedName(root)).toBe('0, Not at all likely');
    // Tab stops: the scale's one stop, then the close button.
    const close = screen.getByRole('button', { name: 'Close' });
    close.focus();
    key(close, 'Tab');
    expect(focusedName(root)).toBe('0, Not at all likely');
    key(root!.activeElement!, 'Tab', { shiftKey: true });
    expect(root!.activeElement).toBe(close);
    // In the follow-up step: the scale (the score chosen, changeable), text box, Skip, Send, Close.
    key(screen.getAllByRole('radio')[0]!, 'Enter');
    expect(root!.activeElement).toBe(screen.getByRole('textbox'));
    screen.getByRole('radio', { checked: true }).focus();
    key(root!.activeElement!, 'Tab', { shiftKey: true });
    expect(root!.activeElement).toBe(close);
    key(close, 'Tab');
    expect(focusedName(root)).toBe('0, Not at all likely');
    key(root!.activeElement!, 'Escape');
    expect(document.activeElement).toBe(opener);
    expect(names(callbacks.calls)).toEqual(['shown', 'answered', 'dismissed', 'closed']);
  });

  it('a click on the modal overlay dismisses; a click inside the card does not', () => {
    const { root, callbacks } = mount(view({ display: { placement: 'modal' } }));
    fireEvent.click(root!.querySelector('.c')!);
    expect(names(callbacks.calls)).toEqual(['shown']);
    fireEvent.click(root!.querySelector('.w')!);
    expect(names(callbacks.calls)).toEqual(['shown', 'dismissed', 'closed']);
  });
});

describe('placement and errors', () => {
  it('renders inline into its target as a region', () => {
    const target = document.body.appendChild(document.createElement('div'));
    target.id = 'feedback';
    const { host, screen } = mount(view({ display: { placement: 'inline', target: '#feedback' } }));
    expect(host!.parentElement).toBe(target);
    expect(screen.getByRole('region', { name: /recommend/ })).toBeTruthy();
  });

  it.each([
    ['#feedback', 'not on the page'],
    ['#[bad', 'not a valid'],
  ])('an inline target %s that cannot be used is reported, never thrown, then closed', (target, message) => {
    const callbacks = recorder();
    expect(() =>
      mountSurvey(document, view({ display: { placement: 'inline', target } }), callbacks),
    ).not.toThrow();
    expect(names(callbacks.calls)).toEqual(['error', 'closed']);
    const [, error] = callbacks.calls[0] as ['error', Error];
    expect(error.name).toBe('MountError');
    expect(error.message).toContain(message);
    expect(document.querySelector('[data-touchpoint]')).toBeNull();
  });

  it('without onError, a mount error is logged with the [touchpoint] prefix', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { onError: _, ...callbacks } = recorder();
    mountSurvey(document, view({ display: { placement: 'inline', target: '#nowhere' } }), callbacks);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[touchpoint\] survey "nps-checkout" is inline/),
    );
    error.mockRestore();
  });

  it('sets theme properties on the host through CSSOM, never a style attribute string', () => {
    const { host, root } = mount(
      view({}, { appearance: { brandColor: '#ffcc00', radius: 4, fontFamily: 'Georgia', zIndex: 99 } }),
    );
    expect(host!.style.getPropertyValue('--brand')).toBe('#ffcc00');
    // Black reads better than white on yellow.
    expect(host!.style.getPropertyValue('--on')).toBe('#000000');
    expect(host!.style.getPropertyValue('--r')).toBe('4px');
    expect(host!.style.getPropertyValue('--font')).toBe('Georgia');
    expect(host!.style.getPropertyValue('--z')).toBe('99');
    expect(root!.querySelector('.w')!.className).toBe('w bottom-right auto');
  });

  it('forces a colour scheme when asked', () => {
    const { root } = mount(view({}, { appearance: { colorScheme: 'dark' } }));
    expect(root!.querySelector('.w')!.classList.contains('dark')).toBe(true);
  });
});

describe('survey text is text', () => {
  it('renders markup in every survey text as literal text; nothing runs', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { root, screen } = mount(
      view({
        question: { type: 'nps', text: payload, labels: { low: payload, high: payload } },
        followUp: { text: payload, placeholder: payload },
      }),
    );
    expect(screen.getByRole('radiogroup', { name: payload })).toBeTruthy();
    expect(screen.getByRole('radio', { name: `0, ${payload}` })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    expect(screen.getByRole('textbox', { name: payload })).toBeTruthy();
    expect(root!.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

describe('languages', () => {
  it('Dutch: core wording for the question, built-in strings for the card', () => {
    const { screen } = mount(view({ followUp: {} }, { locale: 'nl-BE' }));
    expect(screen.getByRole('dialog').getAttribute('lang')).toBe('nl-BE');
    expect(
      screen.getByRole('radiogroup', {
        name: 'Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sluiten' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '6' }));
    expect(screen.getByRole('button', { name: 'Overslaan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Versturen' })).toBeTruthy();
  });

  it('a survey text per locale wins over the default wording', () => {
    const { screen } = mount(
      view({ question: { type: 'csat', text: { en: 'Happy?', fr: 'Content ?' } } }, { locale: 'fr' }),
    );
    expect(screen.getByRole('radiogroup', { name: 'Content ?' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '1, Très insatisfait' })).toBeTruthy();
  });

  it('Arabic: the card is right to left and the arrow keys follow what the visitor sees', () => {
    const { root, screen } = mount(
      view({ question: { type: 'nps', text: { ar: 'ما مدى احتمال أن توصي بنا؟' } } }, { locale: 'ar' }),
    );
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe('rtl');
    // DOM and accessibility order stay 0 → 10; flex layout puts 0 on the right in RTL.
    screen.getAllByRole('radio')[0]!.focus();
    key(root!.activeElement!, 'ArrowLeft');
    expect(focusedName(root)).toBe('1');
    key(root!.activeElement!, 'ArrowRight');
    key(root!.activeElement!, 'ArrowRight');
    expect(focusedName(root)).toBe('10, Extremely likely');
  });
});
