/**
 * Each DOM trigger source, with fake timers and synthetic DOM events: it reports the occurrence its triggers ask
 * for, once per page view, and `stop()` removes it.
 */
import type { Trigger, TriggerOccurrence } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/runtime/logger';
import type { HostWindow } from '../../src/runtime/triggers/trigger-source';
import { startTriggerSources } from '../../src/runtime/triggers/trigger-sources';

const log = createLogger(undefined, false);

function watch(triggers: Trigger[]) {
  const seen: TriggerOccurrence[] = [];
  const sources = startTriggerSources(
    window as unknown as HostWindow,
    triggers,
    (o) => seen.push(o),
    log,
    () => Date.now(),
  );
  return { seen, sources };
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
});
afterEach(() => vi.useRealTimers());

describe('trigger sources', () => {
  it('click: delegated, matches with closest(), survives stopPropagation, skips invalid selectors', () => {
    const button = document.createElement('button');
    button.id = 'buy';
    const inner = document.createElement('span');
    button.append(inner);
    button.addEventListener('click', (e) => e.stopPropagation());
    document.body.append(button);
    const { seen, sources } = watch([
      { type: 'click', selector: '#buy' },
      { type: 'click', selector: '[[bad' },
    ]);
    inner.click();
    expect(seen).toEqual([{ type: 'click', selector: '#buy' }]);
    sources.stop();
    inner.click();
    expect(seen).toHaveLength(1);
  });

  it('scroll depth: each depth once per page view', () => {
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 2000, configurable: true });
    Object.defineProperty(window, 'innerHeight', { value: 500, configurable: true });
    const { seen, sources } = watch([{ type: 'scrollDepth', percent: 50 }]);
    const scrollTo = (y: number) => {
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
      window.dispatchEvent(new Event('scroll'));
    };
    scrollTo(100);
    expect(seen).toEqual([]);
    scrollTo(600);
    scrollTo(900);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'scrollDepth' });
    expect((seen[0] as { percent: number }).percent).toBeGreaterThanOrEqual(50);
    sources.navigated?.();
    scrollTo(1500);
    expect(seen).toHaveLength(2);
    sources.stop();
  });

  it('scroll depth: a page already scrolled past the depth when the source starts counts at once', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 2000, configurable: true });
    Object.defineProperty(window, 'innerHeight', { value: 500, configurable: true });
    Object.defineProperty(window, 'scrollY', { value: 900, configurable: true });
    const { seen, sources } = watch([{ type: 'scrollDepth', percent: 60 }]);
    expect(seen).toEqual([{ type: 'scrollDepth', percent: 70 }]);
    window.dispatchEvent(new Event('scroll'));
    expect(seen).toHaveLength(1);
    sources.stop();
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });

  it('time on page counts visible time only', () => {
    let hidden = false;
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'));
    const { seen, sources } = watch([{ type: 'timeOnPage', seconds: 10 }]);
    vi.advanceTimersByTime(6_000);
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual([]);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(3_999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([{ type: 'timeOnPage', seconds: 10 }]);
    sources.stop();
    vi.restoreAllMocks();
  });

  it('exit intent on desktop: the pointer leaves through the top, once per page view', () => {
    const { seen, sources } = watch([{ type: 'exitIntent' }]);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -5, relatedTarget: null }));
    expect(seen).toEqual([{ type: 'exitIntent' }]);
    sources.stop();
  });

  it('exit intent on touch devices: a fast scroll up', () => {
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
    const { seen, sources } = watch([{ type: 'exitIntent' }]);
    const scrollTo = (y: number) => {
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
      window.dispatchEvent(new Event('scroll'));
    };
    scrollTo(1000);
    vi.advanceTimersByTime(1000);
    scrollTo(900); // slow
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(100);
    scrollTo(650); // 250 px up within 300 ms
    expect(seen).toEqual([{ type: 'exitIntent' }]);
    sources.stop();
    vi.restoreAllMocks();
  });

  it('element visible: through IntersectionObserver, including elements rendered later', async () => {
    const observed: Element[] = [];
    let report: ((entries: Partial<IntersectionObserverEntry>[]) => void) | undefined;
    class FakeObserver {
      constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        report = callback;
      }
      observe(element: Element) {
        observed.push(element);
      }
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { seen, sources } = watch([{ type: 'elementVisible', selector: '.footer', threshold: 0.5 }]);
    const footer = document.createElement('div');
    footer.className = 'footer';
    document.body.append(footer);
    await vi.advanceTimersByTimeAsync(300);
    expect(observed).toEqual([footer]);
    report?.([{ isIntersecting: true, intersectionRatio: 0.2 }]);
    expect(seen).toEqual([]);
    report?.([{ isIntersecting: true, intersectionRatio: 0.6 }]);
    report?.([{ isIntersecting: true, intersectionRatio: 0.9 }]);
    expect(seen).toEqual([{ type: 'elementVisible', selector: '.footer' }]);
    sources.stop();
    vi.unstubAllGlobals();
  });
});
