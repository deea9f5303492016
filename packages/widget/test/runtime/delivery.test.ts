/**
 * Delivery from the script tag, in happy-dom: the survey chunk's collector is made from the checked options, no
 * sink exists when a privacy signal is honoured, and the loader's stored-events check agrees with what a real
 * collector leaves in storage (the end-to-end proof, a reload in Chromium, is in survey-flow.browser.test.ts).
 */
import { createCollector } from '@touchpoint/collector';
import type { WireEvent } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSink } from '../../src/embed-chunk';
import { createLogger } from '../../src/runtime/logger';
import { loaderOptions, resolveOptions } from '../../src/runtime/options';
import { storedEvents } from '../../src/runtime/stored-events';
import { createSurveyRuntime } from '../../src/runtime/survey-runtime';
import { destroyAll, fakeMount, quietConsole, settle, startWidget, survey } from './harness';

const config = { version: 1, surveys: [survey()] };
const ENDPOINT = 'https://feedback.example.com';

const options = (input: Record<string, unknown>) => {
  const loader = loaderOptions({ siteKey: 'site-1', endpoint: ENDPOINT, ...input }, window);
  if (typeof loader === 'string') throw new Error(loader);
  return loader;
};

const event = (): WireEvent => ({
  v: 1,
  id: crypto.randomUUID(),
  type: 'shown',
  surveyId: 's',
  touchpoint: 't',
  responseId: crypto.randomUUID(),
  at: new Date().toISOString(),
  context: { path: '/' },
  visitor: { id: 'v1' },
});

/** A collector of an earlier page that cannot reach its server, and the page it lives on. */
function offlineCollector() {
  const page = new EventTarget();
  const collector = createCollector({
    endpoint: ENDPOINT,
    siteKey: 'site-1',
    storage: localStorage,
    online: { isOnline: () => false, subscribe: () => () => {} },
    lifecycle: { window: page },
    sendBeacon: null,
    logger: null,
  });
  return { collector, leave: () => page.dispatchEvent(new Event('pagehide')) };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  destroyAll();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the survey chunk’s sink', () => {
  // Offline, so the collector keeps what it is given and never reaches for the network.
  beforeEach(() => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'onLine');
  });

  it('is the collector, made from the checked options: consent mode stores nothing until consent', async () => {
    const log = createLogger(quietConsole(), false);
    const sink = createSink(resolveOptions(options({ consentRequired: true }), []), log)!;
    sink.send(event());
    await Promise.resolve();
    expect(localStorage.length).toBe(0);
    sink.setConsent(true);
    await Promise.resolve();
    expect(Object.keys(localStorage).filter((k) => k.startsWith('touchpoint:q:'))).toHaveLength(1);
    await sink.close();
  });

  it("keeps its queue in memory with storage: 'memory', and makes none without an endpoint", async () => {
    const log = createLogger(quietConsole(), false);
    const sink = createSink(resolveOptions(options({ storage: 'memory' }), []), log)!;
    sink.send(event());
    await Promise.resolve();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    await sink.close();
    const inline = loaderOptions({ siteKey: 'site-1', config }, window);
    expect(createSink(resolveOptions(inline as Exclude<typeof inline, string>, []), log)).toBeUndefined();
  });

  it.each([
    ['Global Privacy Control', 'globalPrivacyControl', true],
    ['Do Not Track "1"', 'doNotTrack', '1'],
    ['Do Not Track "yes"', 'doNotTrack', 'yes'],
    ['msDoNotTrack', 'msDoNotTrack', '1'],
  ])('is never made when %s is honoured, so no event can leave the page', (_, name, value) => {
    Object.defineProperty(navigator, name, { value, configurable: true });
    try {
      const createSinkSpy = vi.fn();
      const runtime = createSurveyRuntime(
        {
          config,
          options: options({ respectPrivacySignals: true }),
          consentGranted: undefined,
          window,
          now: () => Date.now(),
          crypto,
          log: createLogger(quietConsole(), false),
        },
        { createSink: createSinkSpy, mountSurvey: fakeMount().mountSurvey },
      );
      runtime.occur({ type: 'event', name: 'checkout.completed' });
      expect(createSinkSpy).not.toHaveBeenCalled();
      runtime.destroy();
    } finally {
      Reflect.deleteProperty(navigator, name);
    }
  });
});

describe('with a privacy signal honoured', () => {
  it('events an earlier page queued are deleted, never sent, and no collector is made', async () => {
    const earlier = offlineCollector();
    earlier.collector.send(event());
    await Promise.resolve();
    earlier.leave();
    localStorage.setItem('host:key', 'kept');
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const createSinkSpy = vi.fn();
      createSurveyRuntime(
        {
          config,
          options: options({ respectPrivacySignals: true }),
          consentGranted: undefined,
          window,
          now: () => Date.now(),
          log: createLogger(quietConsole(), false),
        },
        { createSink: createSinkSpy, mountSurvey: fakeMount().mountSurvey },
      ).destroy();
      expect(createSinkSpy).not.toHaveBeenCalled();
      expect(Object.keys(localStorage)).toEqual(['host:key']);
      expect(storedEvents(window, options({}), Date.now())).toBe(false);
    } finally {
      Reflect.deleteProperty(navigator, 'globalPrivacyControl');
    }
  });
});

describe('the loader’s stored-events check agrees with the collector', () => {
  const now = () => Date.now();

  it('finds the events a page left behind, not a live page’s queue, and nothing once another page took them', async () => {
    const earlier = offlineCollector();
    earlier.collector.send(event());
    await Promise.resolve();
    // The page that wrote them is still open: its queue is its own.
    expect(storedEvents(window, options({}), now())).toBe(false);
    // …unless it has not written for 10 minutes (it crashed).
    expect(storedEvents(window, options({}), now() + 600_001)).toBe(true);
    earlier.leave();
    expect(storedEvents(window, options({}), now())).toBe(true);
    // A later page's collector takes them over (and leaves a tombstone): nothing left to deliver.
    const later = offlineCollector();
    await Promise.resolve();
    expect(storedEvents(window, options({}), now())).toBe(false);
    await later.collector.close();
  });

  it('looks where the queue is kept: nowhere with memory storage, sessionStorage with session', async () => {
    const earlier = offlineCollector();
    earlier.collector.send(event());
    await Promise.resolve();
    earlier.leave();
    expect(storedEvents(window, options({ storage: 'memory' }), now())).toBe(false);
    expect(storedEvents(window, options({ storage: 'session' }), now())).toBe(false);
    expect(storedEvents(window, options({ storage: 'local' }), now())).toBe(true);
  });

  it('is not even asked before consent in consent mode, and asked once consent is given', async () => {
    vi.useFakeTimers();
    const check = vi.fn(() => false);
    const w = startWidget({ config, consentRequired: true }, { storedEvents: check });
    await settle();
    await vi.advanceTimersByTimeAsync(50);
    expect(check).not.toHaveBeenCalled();
    w.handle.consent(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('consent(false) before the runtime deletes them, as the collector does, and the visitor record', async () => {
    vi.useFakeTimers();
    const earlier = offlineCollector();
    earlier.collector.send(event());
    await Promise.resolve();
    earlier.leave();
    localStorage.setItem('host:key', 'kept');
    const w = startWidget({ config, endpoint: ENDPOINT, consentRequired: true }, { storedEvents });
    await settle();
    w.handle.consent(false);
    expect(Object.keys(localStorage)).toEqual(['host:key']);
    expect(w.startRuntime).not.toHaveBeenCalled();
  });

  it('starts the survey runtime (whose collector resends them) when they are there, with no trigger fired', async () => {
    vi.useFakeTimers();
    const w = startWidget({ config }, { storedEvents: () => true });
    await settle();
    expect(w.startRuntime).toHaveBeenCalledTimes(1);
    expect(w.mounted).toHaveLength(0);
  });

  it('looks in an idle callback, never in the page’s start-up (a first localStorage read costs milliseconds)', async () => {
    vi.useFakeTimers();
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const check = vi.fn(() => true);
    const w = startWidget({ config }, { storedEvents: check });
    await settle();
    await vi.advanceTimersByTimeAsync(50);
    expect(check).not.toHaveBeenCalled();
    // The look and the survey chunk's preload (the config's trigger applies here) wait for idle time.
    expect(idle).toHaveLength(2);
    for (const callback of idle) callback();
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    expect(w.startRuntime).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
