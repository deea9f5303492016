/**
 * Delivery from the script tag, in happy-dom: the collector chunk's collector is made from the checked options, no
 * sink exists when a privacy signal is honoured, the loader's stored-events check agrees with what a real
 * collector leaves in storage, and a page with such events starts the collector alone, one per widget, which the
 * survey runtime takes over (the end-to-end proof, a reload in Chromium, is in survey-flow.browser.test.ts).
 */
import { createCollector } from '@touchpoint/collector';
import type { WireEvent } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSink } from '../../src/collector-chunk';
import { startDelivery } from '../../src/runtime/delivery';
import { createLogger } from '../../src/runtime/logger';
import { loaderOptions, resolveOptions } from '../../src/runtime/options';
import { storedEvents } from '../../src/runtime/stored-events';
import { destroyAll, lines, quietConsole, settle, startWidget, survey } from './harness';

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

describe('the collector chunk’s sink', () => {
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
      const sink = startDelivery(createSinkSpy)({
        options: options({ respectPrivacySignals: true }),
        consentGranted: undefined,
        window,
        log: createLogger(quietConsole(), false),
      });
      expect(sink).toBeUndefined();
      expect(createSinkSpy).not.toHaveBeenCalled();
    } finally {
      Reflect.deleteProperty(navigator, name);
    }
  });

  it('is made with the consent the host gave, and never throws or rejects into the page', async () => {
    const made = {
      send: vi.fn(),
      setConsent: vi.fn(),
      close: vi.fn(() => Promise.reject(new Error('gone'))),
    };
    const console = quietConsole();
    const sink = startDelivery(() => made)({
      options: options({ consentRequired: true }),
      consentGranted: true,
      window,
      log: createLogger(console, false),
    })!;
    expect(made.setConsent).toHaveBeenCalledWith(true);
    sink.close();
    await vi.waitFor(() => expect(console.error).toHaveBeenCalled());
    expect(String(console.error.mock.calls[0])).toContain('closing the event sink failed');
    const throwing = startDelivery(() => {
      throw new Error('no storage');
    })({ options: options({}), consentGranted: undefined, window, log: createLogger(console, false) });
    expect(throwing).toBeUndefined();
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
      startDelivery(createSinkSpy)({
        options: options({ respectPrivacySignals: true }),
        consentGranted: undefined,
        window,
        log: createLogger(quietConsole(), false),
      });
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

  /** A collector part as the collector chunk registers it, around a sink whose calls a test reads. */
  const collectorPart = () => {
    const made = { send: vi.fn(), setConsent: vi.fn(), close: vi.fn() };
    const createSinkSpy = vi.fn(() => made);
    return { made, createSinkSpy, loadCollector: vi.fn(() => startDelivery(createSinkSpy)) };
  };
  /** A survey whose trigger applies on another page only: nothing here preloads the survey chunk. */
  const elsewhere = {
    version: 1,
    surveys: [
      survey({
        triggers: [
          { type: 'event', name: 'checkout.completed', url: { include: [{ match: 'exact', value: '/x' }] } },
        ],
      }),
    ],
  };

  it('starts the collector alone (no survey chunk, no runtime) when they are there, with no trigger fired', async () => {
    vi.useFakeTimers();
    const part = collectorPart();
    const w = startWidget({ config: elsewhere, endpoint: ENDPOINT }, { storedEvents: () => true, ...part });
    await settle();
    expect(part.loadCollector).toHaveBeenCalledTimes(1);
    expect(part.createSinkSpy).toHaveBeenCalledTimes(1);
    expect(w.loadRuntime).not.toHaveBeenCalled();
    expect(w.startRuntime).not.toHaveBeenCalled();
    expect(w.mounted).toHaveLength(0);
  });

  it('the survey runtime takes that collector over: one per widget, and the card’s events go to it', async () => {
    vi.useFakeTimers();
    const part = collectorPart();
    const w = startWidget({ config, endpoint: ENDPOINT }, { storedEvents: () => true, ...part });
    await settle();
    expect(part.createSinkSpy).toHaveBeenCalledTimes(1);
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
    expect(part.createSinkSpy).toHaveBeenCalledTimes(1);
    expect(part.made.send.mock.calls.map(([e]) => (e as WireEvent).type)).toEqual(['shown']);
    expect(w.startRuntime.mock.calls[0]![0].sink).toBeDefined();
  });

  it('consent and destroy reach the collector started alone (consent mode)', async () => {
    vi.useFakeTimers();
    const part = collectorPart();
    const w = startWidget(
      { config: elsewhere, endpoint: ENDPOINT, consentRequired: true },
      { storedEvents: () => true, ...part },
    );
    await settle();
    expect(part.loadCollector).not.toHaveBeenCalled();
    w.handle.consent(true);
    await settle();
    expect(part.made.setConsent.mock.calls).toEqual([[true]]);
    w.handle.consent(false);
    expect(part.made.setConsent.mock.calls).toEqual([[true], [false]]);
    w.handle.destroy();
    await settle();
    expect(part.made.close).toHaveBeenCalledTimes(1);
    expect(w.startRuntime).not.toHaveBeenCalled();
  });

  it('a collector chunk that cannot load is one clear error, nothing thrown into the page', async () => {
    vi.useFakeTimers();
    const w = startWidget(
      { config: elsewhere, endpoint: ENDPOINT },
      { storedEvents: () => true, loadCollector: () => Promise.reject(new Error('blocked')) },
    );
    await settle();
    expect(lines(w.console.error)).toEqual(['[touchpoint] could not load collector: Error: blocked']);
  });

  it('looks in an idle callback, never in the page’s start-up (a first localStorage read costs milliseconds)', async () => {
    vi.useFakeTimers();
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const check = vi.fn(() => true);
    const part = collectorPart();
    const w = startWidget({ config, endpoint: ENDPOINT }, { storedEvents: check, ...part });
    await settle();
    await vi.advanceTimersByTimeAsync(50);
    expect(check).not.toHaveBeenCalled();
    // The look and the chunks' preload (the config's trigger applies here) wait for idle time.
    expect(idle).toHaveLength(2);
    for (const callback of idle) callback();
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    expect(part.createSinkSpy).toHaveBeenCalledTimes(1);
    expect(w.startRuntime).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
