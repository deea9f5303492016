/**
 * The widget end to end in happy-dom: occurrences from the page, decisions by core's rules, the card mounted
 * through an injected MountSurvey, and complete wire events out of its callbacks.
 */
import { parseEvent } from '@touchpoint/core/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { visitorKey } from '../../src/runtime/visitor-store';
import { destroyAll, lines, settle, startWidget, survey } from './harness';

const config = (...surveys: ReturnType<typeof survey>[]) => ({ version: 1, surveys });

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/checkout/thanks?email=a@b.c&utm_campaign=x#top');
  document.documentElement.lang = 'nl-BE';
});
afterEach(() => {
  destroyAll();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a tracked event shows its survey', () => {
  it('sends shown, answered and completed as complete wire events of one response', async () => {
    const w = startWidget({ config: config(survey()), allowedQueryParams: ['utm_campaign'] });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
    const card = w.mounted[0]!;
    expect(card.view.survey.id).toBe('nps-checkout');
    expect(card.view.locale).toBe('nl-BE');
    card.callbacks.onAnswered([{ questionId: 'score', type: 'nps', value: 9 }]);
    card.callbacks.onCompleted([
      { questionId: 'score', type: 'nps', value: 9 },
      { questionId: 'reason', type: 'text', value: 'Quick' },
    ]);
    expect(w.events.map((e) => e.type)).toEqual(['shown', 'answered', 'completed']);
    for (const event of w.events) expect(parseEvent(event)).toEqual({ ok: true, value: event });
    const [shown] = w.events;
    expect(new Set(w.events.map((e) => e.responseId)).size).toBe(1);
    expect(new Set(w.events.map((e) => e.id)).size).toBe(3);
    expect(shown).toMatchObject({
      v: 1,
      surveyId: 'nps-checkout',
      touchpoint: 'checkout.completed',
      at: new Date(Date.now()).toISOString(),
      context: { path: '/checkout/thanks?utm_campaign=x', locale: 'nl-BE', device: 'desktop' },
    });
    expect(shown!.visitor).toEqual({ id: expect.any(String) });
  });

  it('sends dismissed once, and nothing after completion', async () => {
    const w = startWidget({ config: config(survey()) });
    w.handle.track('checkout.completed');
    await settle();
    const card = w.mounted[0]!;
    card.callbacks.onDismissed();
    card.callbacks.onDismissed();
    card.callbacks.onCompleted([{ questionId: 'score', type: 'nps', value: 3 }]);
    expect(w.events.map((e) => e.type)).toEqual(['shown', 'dismissed']);
  });

  it('ignores events that fire no trigger and never starts the runtime for them', async () => {
    const w = startWidget({ config: config(survey()) });
    w.handle.track('newsletter.signup');
    await settle();
    expect(w.startRuntime).not.toHaveBeenCalled();
    expect(w.mounted).toHaveLength(0);
  });

  it('shows one survey at a time, the highest priority first', async () => {
    const w = startWidget({
      config: config(survey({ id: 'low' }), survey({ id: 'high', priority: 5 })),
      fatigue: undefined,
    });
    w.handle.track('checkout.completed');
    await settle();
    w.handle.track('checkout.completed');
    expect(w.mounted.map((m) => m.view.survey.id)).toEqual(['high']);
  });

  it('respects fatigue across reloads through the stored history', async () => {
    const first = startWidget({ config: config(survey()) });
    first.handle.track('checkout.completed');
    await settle();
    first.handle.destroy();
    const second = startWidget({ config: config(survey()) });
    second.handle.track('checkout.completed');
    await settle();
    expect(second.mounted).toHaveLength(0);
    expect(second.loadRuntime).toHaveBeenCalled();
  });
});

describe('preload of the survey chunk (decisions/0004)', () => {
  const onlyOn = (path: string) =>
    survey({
      triggers: [
        { type: 'event', name: 'checkout.completed', url: { include: [{ match: 'exact', value: path }] } },
      ],
    });

  it('fetches the chunk during idle time once a trigger applies to the page, without starting the runtime', async () => {
    history.replaceState(null, '', '/checkout/thanks');
    const w = startWidget({ config: config(onlyOn('/checkout/thanks')) });
    await settle();
    expect(w.loadRuntime).toHaveBeenCalledTimes(1);
    expect(w.startRuntime).not.toHaveBeenCalled();
    w.handle.track('checkout.completed');
    await settle();
    expect(w.startRuntime).toHaveBeenCalledTimes(1);
    expect(w.mounted).toHaveLength(1);
  });

  it('does not fetch it on a page no trigger applies to, and fetches it after an SPA navigation to one', async () => {
    history.replaceState(null, '', '/home');
    const w = startWidget({ config: config(onlyOn('/checkout/thanks')) });
    await settle();
    expect(w.loadRuntime).not.toHaveBeenCalled();
    history.pushState(null, '', '/checkout/thanks');
    await settle();
    expect(w.loadRuntime).toHaveBeenCalled();
    expect(w.startRuntime).not.toHaveBeenCalled();
  });

  it('a failed preload is one clear error and does not throw into the page', async () => {
    history.replaceState(null, '', '/checkout/thanks');
    const w = startWidget(
      { config: config(onlyOn('/checkout/thanks')) },
      { loadRuntime: () => Promise.reject(new Error('offline')) },
    );
    await settle();
    expect(lines(w.console.error)).toEqual(['[touchpoint] could not load survey runtime: Error: offline']);
  });

  it('fetches the collector beside the survey chunk, and shows a card only once both are there', async () => {
    history.replaceState(null, '', '/checkout/thanks');
    let arrive = (_: unknown) => {};
    const collector = new Promise((resolve) => {
      arrive = resolve;
    });
    const loadCollector = vi.fn(() => collector);
    const w = startWidget({ config: config(onlyOn('/checkout/thanks')) }, { loadCollector });
    await settle();
    expect(w.loadRuntime).toHaveBeenCalledTimes(1);
    expect(loadCollector).toHaveBeenCalledTimes(1);
    w.handle.track('checkout.completed');
    await settle();
    expect(w.startRuntime).not.toHaveBeenCalled();
    expect(w.mounted).toHaveLength(0);
    arrive(undefined);
    await settle();
    expect(w.mounted).toHaveLength(1);
    expect(w.events.map((e) => e.type)).toEqual(['shown']);
  });

  it('a collector that cannot load means no card, one clear error and nothing thrown into the page', async () => {
    history.replaceState(null, '', '/checkout/thanks');
    const w = startWidget(
      { config: config(onlyOn('/checkout/thanks')) },
      { loadCollector: () => Promise.reject(new Error('blocked')) },
    );
    await settle();
    w.handle.track('checkout.completed');
    await settle();
    expect(w.startRuntime).not.toHaveBeenCalled();
    expect(w.mounted).toHaveLength(0);
    expect(w.events).toEqual([]);
    expect(lines(w.console.error)).toEqual([
      '[touchpoint] could not load survey runtime: Error: blocked',
      '[touchpoint] could not load survey runtime: Error: blocked',
    ]);
  });

  it("reads a rule on the whole address (on: 'url') as core does, query included, hash left out", async () => {
    history.replaceState(null, '', '/checkout/thanks?ref=mail#top');
    const rule = (value: string) =>
      survey({
        triggers: [
          {
            type: 'event',
            name: 'checkout.completed',
            url: { include: [{ on: 'url', match: 'endsWith', value }] },
          },
        ],
      });
    const hashed = startWidget({ config: config(rule('#top')) });
    await settle();
    expect(hashed.loadRuntime).not.toHaveBeenCalled();
    hashed.handle.destroy();
    const w = startWidget({ config: config(rule('/checkout/thanks?ref=mail')) });
    await settle();
    expect(w.loadRuntime).toHaveBeenCalledTimes(1);
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
  });
});

describe('delays and SPA navigation', () => {
  it("display.onNavigation: 'close' closes an open card on an SPA navigation; 'keep' (the default) leaves it", async () => {
    history.replaceState(null, '', '/a');
    const w = startWidget({
      config: config(survey({ id: 'closes', display: { placement: 'bottom-right', onNavigation: 'close' } })),
    });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted[0]!.closed).toBe(false);
    history.pushState(null, '', '/b');
    await settle();
    expect(w.mounted[0]!.closed).toBe(true);
    expect(w.events.map((e) => e.type)).toEqual(['shown']);
  });

  it("display.onNavigation: 'close' keeps a card whose score is already chosen", async () => {
    history.replaceState(null, '', '/a');
    const w = startWidget({
      config: config(survey({ display: { placement: 'bottom-right', onNavigation: 'close' } })),
    });
    w.handle.track('checkout.completed');
    await settle();
    w.mounted[0]!.callbacks.onAnswered([{ questionId: 'score', type: 'nps', value: 9 }]);
    history.pushState(null, '', '/b');
    await settle();
    expect(w.mounted[0]!.closed).toBe(false);
  });

  it('keeps an open card through an SPA navigation by default', async () => {
    history.replaceState(null, '', '/a');
    const w = startWidget({ config: config(survey()) });
    w.handle.track('checkout.completed');
    await settle();
    history.pushState(null, '', '/b');
    await settle();
    expect(w.mounted[0]!.closed).toBe(false);
  });

  const delayed = config(
    survey({
      triggers: [
        { type: 'pageView', delaySeconds: 5, url: { include: [{ match: 'startsWith', value: '/a' }] } },
      ],
    }),
  );

  it('shows a delayed survey when the wait is over and the rules still pass', async () => {
    history.replaceState(null, '', '/a');
    const w = startWidget({ config: delayed });
    await settle();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(w.mounted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.mounted).toHaveLength(1);
  });

  it('cancels a survey scheduled on /a after an SPA move to /b (fault 51)', async () => {
    history.replaceState(null, '', '/a');
    const w = startWidget({ config: delayed, debug: true });
    await settle();
    history.pushState(null, '', '/b');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.mounted).toHaveLength(0);
    expect(lines(w.console.log).some((l) => l.includes('cancelled'))).toBe(true);
  });

  it('keeps a tracked event that an SPA navigation follows at once, while the runtime is on its way', async () => {
    history.replaceState(null, '', '/projects/new');
    const w = startWidget({
      config: config(survey({ triggers: [{ type: 'event', name: 'project.created' }] })),
    });
    await settle();
    w.handle.track('project.created');
    history.pushState(null, '', '/projects/42');
    await settle();
    expect(w.startRuntime).toHaveBeenCalledTimes(1);
    expect(w.mounted).toHaveLength(1);
  });

  it('drops a page view that an SPA navigation follows before the runtime arrives', async () => {
    history.replaceState(null, '', '/a');
    const onA = survey({
      triggers: [{ type: 'pageView', url: { include: [{ match: 'exact', value: '/a' }] } }],
    });
    const w = startWidget({ config: config(onA) });
    history.pushState(null, '', '/b');
    await settle();
    expect(w.mounted).toHaveLength(0);
  });

  it('counts pushState and popstate navigations, not replaceState loops or anchors', async () => {
    history.replaceState(null, '', '/start');
    const w = startWidget({ config: config(survey({ triggers: [{ type: 'routeChange' }] })), debug: true });
    await settle();
    for (let i = 0; i < 20; i++) history.replaceState({ i }, '', '/start');
    location.hash = '#section';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(w.startRuntime).not.toHaveBeenCalled();
    history.pushState(null, '', '/next');
    await settle();
    expect(w.mounted).toHaveLength(1);
  });

  it('page() counts a view explicitly', async () => {
    const w = startWidget({ config: config(survey({ triggers: [{ type: 'routeChange' }] })) });
    await settle();
    w.handle.page();
    await settle();
    expect(w.mounted).toHaveLength(1);
  });

  it('destroy undoes the history wrapping and removes the card', async () => {
    const push = history.pushState;
    const replace = history.replaceState;
    const w = startWidget({ config: config(survey({ triggers: [{ type: 'pageView' }] })) });
    await settle();
    expect(history.pushState).not.toBe(push);
    expect(w.mounted).toHaveLength(1);
    w.handle.destroy();
    expect(history.pushState).toBe(push);
    expect(history.replaceState).toBe(replace);
    expect(Object.hasOwn(history, 'pushState')).toBe(false);
    expect(w.mounted[0]!.closed).toBe(true);
    history.pushState(null, '', '/after');
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
  });
});

describe('handle methods', () => {
  it('identify adds userId and attributes to events and targeting', async () => {
    const w = startWidget({
      config: config(survey({ targeting: { attributes: [{ key: 'plan', op: 'equals', value: 'pro' }] } })),
    });
    w.handle.identify('u-1', { plan: 'free' });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(0);
    w.handle.identify('u-1', { plan: 'pro', 'bad key': 1 });
    w.handle.track('checkout.completed');
    expect(w.mounted).toHaveLength(1);
    expect(w.events[0]!.visitor).toMatchObject({ userId: 'u-1', attributes: { plan: 'pro' } });
    expect(lines(w.console.error).some((l) => l.includes('"bad key"'))).toBe(true);
  });

  it('show previews a survey whatever the rules say, and sends or records nothing', async () => {
    const w = startWidget({ config: config(survey({ enabled: false })) });
    w.handle.show('nps-checkout');
    await settle();
    expect(w.mounted).toHaveLength(1);
    w.mounted[0]!.callbacks.onCompleted([{ questionId: 'score', type: 'nps', value: 10 }]);
    expect(w.events).toEqual([]);
    w.handle.show('nope');
    expect(lines(w.console.error).some((l) => l.includes('no survey has this id'))).toBe(true);
  });

  it('reset forgets the visitor: new id, empty history, no identity', async () => {
    const w = startWidget({ config: config(survey({ fatigue: { recontactDays: 0 } })) });
    w.handle.identify('u-1');
    w.handle.track('checkout.completed');
    await settle();
    const before = w.events[0]!.visitor.id;
    w.mounted[0]!.callbacks.onDismissed();
    w.mounted[0]!.callbacks.onClosed();
    w.handle.reset();
    vi.advanceTimersByTime(8 * 24 * 3600 * 1000);
    w.handle.track('checkout.completed');
    const after = w.events.at(-1)!.visitor;
    expect(after.id).not.toBe(before);
    expect(after.userId).toBeUndefined();
  });

  it('consent mode writes nothing until consent, and a revoke clears what was stored (fault 75)', async () => {
    const w = startWidget({ config: config(survey()), consentRequired: true });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.events.map((e) => e.type)).toEqual(['shown']);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    w.handle.consent(true);
    const stored = JSON.parse(localStorage.getItem(visitorKey('site-1'))!);
    expect(stored.history.surveys['nps-checkout'].shownCount).toBe(1);
    w.handle.consent(false);
    expect(localStorage.length).toBe(0);
  });

  it('consent(false) before the runtime loads clears the stored record at once', () => {
    localStorage.setItem(visitorKey('site-1'), '{}');
    localStorage.setItem('host-key', 'kept');
    const w = startWidget({ config: config(survey()) });
    w.handle.consent(false);
    expect(localStorage.getItem(visitorKey('site-1'))).toBeNull();
    expect(localStorage.getItem('host-key')).toBe('kept');
  });

  it('namespaces storage per site key (fault 28)', async () => {
    const a = startWidget({ config: config(survey()), siteKey: 'site-a' });
    a.handle.track('checkout.completed');
    await settle();
    a.handle.destroy();
    const b = startWidget({ config: config(survey()), siteKey: 'site-b' });
    b.handle.track('checkout.completed');
    await settle();
    expect(b.mounted).toHaveLength(1);
    expect(Object.keys(localStorage).sort()).toEqual([visitorKey('site-a'), visitorKey('site-b')]);
  });
});

describe('init', () => {
  it('a second init returns the same widget; a different config warns once and is ignored (fault 37)', async () => {
    const w = startWidget({ config: config(survey()) });
    const same = w.init({ siteKey: 'site-1', config: config(survey()), onEvent: () => {} });
    expect(same).toBe(w.handle);
    expect(w.console.warn).not.toHaveBeenCalled();
    w.init({ siteKey: 'other', config: config(survey()) });
    w.init({ siteKey: 'other2', config: config(survey()) });
    expect(w.console.warn).toHaveBeenCalledTimes(1);
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
  });

  it.each([
    [undefined, '{ siteKey, endpoint }'],
    [{ siteKey: 'has space', config: {} }, 'siteKey'],
    [{ siteKey: 'k', endpoint: 'ftp://x' }, 'endpoint'],
    [{ siteKey: 'k' }, 'config'],
  ])('refuses bad options with a clear error: %j', (input, word) => {
    const w = startWidget({});
    w.handle.destroy();
    w.console.error.mockClear();
    const handle = w.init(input);
    expect(() => handle.track('x')).not.toThrow();
    expect(lines(w.console.error).join('\n')).toContain(word);
    expect(lines(w.console.error)[0]).toMatch(/^\[touchpoint\] /);
  });

  it('reports an invalid config from the runtime and shows nothing', async () => {
    const w = startWidget({
      config: { version: 1, surveys: [{ ...survey(), question: { type: 'stars' } }] },
    });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(0);
    expect(lines(w.console.error).join('\n')).toContain('a survey is left out: surveys[0]: question.type');
  });

  it('refuses a config without version 1 with one error, and shows nothing', async () => {
    const w = startWidget({ config: { version: 2, surveys: [survey()] } });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(0);
    expect(lines(w.console.error).join('\n')).toContain('no survey will show: version (1)');
  });

  it('does not show a survey whose handling throws, still shows the others, and says why in debug mode', async () => {
    // An attribute condition that is not an object passes the structural guard and throws in core's targeting.
    const broken = survey({ id: 'broken', priority: 9, targeting: { attributes: [null as never] } });
    const w = startWidget({ config: config(broken, survey()), debug: true });
    w.handle.identify('u-1', { plan: 'pro' });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted.map((m) => m.view.survey.id)).toEqual(['nps-checkout']);
    expect(lines(w.console.log).join('\n')).toContain('survey "broken" is not shown: deciding on it failed');
    expect(lines(w.console.error)).toEqual([]);
  });

  it('loads the config from the endpoint', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(config(survey()))));
    const w = startWidget({ endpoint: 'https://tp.example/', onEvent: undefined }, { fetch });
    w.handle.track('checkout.completed');
    await settle();
    expect(fetch).toHaveBeenCalledWith('https://tp.example/v1/config?site=site-1', { credentials: 'omit' });
    expect(w.mounted).toHaveLength(1);
  });

  it('a failing config endpoint is one clear error, never a rejection', async () => {
    const fetch = vi.fn(async () => new Response('nope', { status: 503 }));
    const w = startWidget({ endpoint: 'https://tp.example' }, { fetch });
    await settle();
    expect(lines(w.console.error).join('\n')).toMatch(
      /could not load https:\/\/tp.example\/v1\/config\?site=site-1.*HTTP 503/s,
    );
  });
});

describe('preview links (decision 0007)', () => {
  const TOKEN = 'csat-returns~7~99999999999999~c2lnbmVk';
  /** The reference server as the loader and the runtime see it: the published config, or the version a token names. */
  const server = (preview: Response | (() => Response)) =>
    vi.fn(async (url: string) =>
      url.includes('&preview=')
        ? typeof preview === 'function'
          ? preview()
          : preview
        : new Response(JSON.stringify(config(survey()))),
    );
  const version7 = () =>
    new Response(
      JSON.stringify(
        config(
          survey(),
          survey({
            id: 'csat-returns',
            question: { type: 'csat' },
            triggers: [{ type: 'event', name: 'x' }],
          }),
        ),
      ),
    );

  it("shows the token's survey of the version it names at once: rules skipped, nothing recorded or sent", async () => {
    history.replaceState(null, '', `/returns?x=1&touchpoint_preview=${TOKEN}`);
    const fetch = server(version7);
    const w = startWidget({ endpoint: 'https://tp.example', debug: true }, { fetch });
    await settle();
    // The loader loads the published config as on any page; the runtime loads the version the token names.
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'https://tp.example/v1/config?site=site-1',
      `https://tp.example/v1/config?site=site-1&preview=${TOKEN}`,
    ]);
    expect(w.mounted.map((m) => m.view.survey.id)).toEqual(['csat-returns']);
    const card = w.mounted[0]!;
    card.callbacks.onCompleted([{ questionId: 'score', type: 'csat', value: 5 }]);
    card.callbacks.onClosed();
    expect(w.events).toEqual([]);
    // The visitor record exists (the runtime started) but keeps no trace of the preview.
    expect(JSON.parse(localStorage.getItem(visitorKey('site-1')) ?? '{}').history?.surveys ?? {}).toEqual({});
    expect(lines(w.console.log).join('\n')).toContain('previewing survey "csat-returns"');
  });

  it('a refused token (forged or expired: 403) shows nothing and says so once; the published surveys still work', async () => {
    history.replaceState(null, '', `/checkout/thanks?touchpoint_preview=${TOKEN}`);
    const w = startWidget(
      { endpoint: 'https://tp.example' },
      { fetch: server(() => new Response('{}', { status: 403 })) },
    );
    await settle();
    expect(w.mounted).toEqual([]);
    expect(lines(w.console.error)).toEqual([
      expect.stringMatching(/could not load the preview link's config:.*HTTP 403/s),
    ]);
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted.map((m) => m.view.survey.id)).toEqual(['nps-checkout']);
  });

  it('a page without the parameter never starts the runtime for it', async () => {
    history.replaceState(null, '', '/checkout/thanks?touchpoint_previews=no');
    const fetch = server(version7);
    const w = startWidget({ endpoint: 'https://tp.example' }, { fetch });
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(w.startRuntime).not.toHaveBeenCalled();
  });
});

describe('debug mode', () => {
  it("names every problem of the config by core's schema, which the survey chunk does not check", async () => {
    const w = startWidget({
      config: config(survey({ id: 'has space', targeting: { sampleRate: 101 } })),
      debug: true,
    });
    w.handle.track('checkout.completed');
    await settle();
    const logged = lines(w.console.log).join('\n');
    expect(logged).toContain("the config has 2 problem(s) by core's schema");
    expect(logged).toContain('surveys[0].id');
    expect(logged).toContain('surveys[0].targeting.sampleRate');
  });

  it('says a valid config is valid', async () => {
    const w = startWidget({ config: config(survey()), debug: true });
    w.handle.track('checkout.completed');
    await settle();
    expect(lines(w.console.log).join('\n')).toContain("the config is valid by core's schema");
  });

  it('logs every decision with its reasons, prefixed [touchpoint]', async () => {
    history.replaceState(null, '', '/page?touchpoint_debug=1');
    const w = startWidget({
      config: config(survey(), survey({ id: 'other', targeting: { devices: ['mobile'] } })),
    });
    w.handle.track('checkout.completed');
    await settle();
    const logged = lines(w.console.log);
    expect(logged.every((l) => l.startsWith('[touchpoint] '))).toBe(true);
    expect(logged.find((l) => l.includes('"nps-checkout" shows'))).toContain(
      '✓ trigger: event "checkout.completed" fires',
    );
    expect(logged.find((l) => l.includes('"other" does not show'))).toContain(
      '✗ device: device desktop is not targeted',
    );
  });

  it('is silent without debug, and never loads the words of debug mode', async () => {
    const loadWords = vi.fn();
    const w = startWidget({ config: config(survey()) }, { loadWords });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.console.log).not.toHaveBeenCalled();
    expect(loadWords).not.toHaveBeenCalled();
  });

  it("says the runtime's own sentences from the words of debug mode, and their codes and facts without them", async () => {
    const worded = startWidget({ config: config(survey({ id: 'csat' })), debug: true });
    worded.handle.show('csat');
    await settle();
    expect(lines(worded.console.log)).toContain(
      '[touchpoint] previewing survey "csat": rules skipped, nothing recorded or sent',
    );
    worded.handle.destroy();
    const bare = startWidget(
      { config: config(survey({ id: 'csat' })), debug: true },
      { loadWords: () => Promise.reject(new Error('blocked')) },
    );
    bare.handle.show('csat');
    await settle();
    const logged = lines(bare.console.log);
    expect(logged).toContain('[touchpoint] preview ["csat"]');
    // Without the words the config is not checked in full, and nothing claims it was.
    expect(logged.join('\n')).not.toContain("by core's schema");
  });

  it('still logs every reason, as codes and facts, when the words cannot be loaded', async () => {
    const w = startWidget(
      { config: config(survey({ targeting: { devices: ['mobile'] } })), debug: true },
      { loadWords: () => Promise.reject(new Error('blocked')) },
    );
    w.handle.track('checkout.completed');
    await settle();
    expect(lines(w.console.warn).join()).toContain('could not load the words of debug mode');
    expect(lines(w.console.log).find((l) => l.includes('does not show'))).toContain(
      '✗ device: device-not-targeted {"device":"desktop","devices":["mobile"]}',
    );
  });
});

describe('hostile environments', () => {
  it('works in memory when storage throws (faults 23–25)', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const w = startWidget({ config: config(survey()) });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
    w.handle.track('checkout.completed');
    expect(w.console.warn).toHaveBeenCalledTimes(1);
  });

  it('discards a corrupt stored record with a warning (fault 26)', async () => {
    localStorage.setItem(visitorKey('site-1'), '"[]"');
    const w = startWidget({ config: config(survey()) });
    w.handle.track('checkout.completed');
    await settle();
    expect(w.mounted).toHaveLength(1);
    expect(lines(w.console.warn).join()).toContain('discarded a stored visitor record');
  });

  it('catches a host onEvent that throws (fault 35)', async () => {
    const w = startWidget({
      config: config(survey()),
      onEvent: () => {
        throw new Error('host bug');
      },
    });
    expect(() => w.handle.track('checkout.completed')).not.toThrow();
    await settle();
    expect(w.mounted).toHaveLength(1);
    expect(lines(w.console.error).join()).toContain('onEvent failed');
  });

  it('makes time-ordered UUIDs without crypto.randomUUID (fault 34)', async () => {
    const w = startWidget(
      { config: config(survey()) },
      { crypto: { getRandomValues: (a) => crypto.getRandomValues(a) } },
    );
    w.handle.track('checkout.completed');
    await settle();
    const event = w.events[0]!;
    // Time-ordered (version 7, decision 0006): the event's time in the first 48 bits, then random bits.
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(event.id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse(event.at));
    expect(event.id).not.toBe(event.responseId);
    expect(parseEvent(event).ok).toBe(true);
  });

  it('honours Global Privacy Control when asked to (fault 76)', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const w = startWidget({ config: config(survey()), respectPrivacySignals: true });
      w.handle.track('checkout.completed');
      await settle();
      expect(w.mounted).toHaveLength(0);
      expect(w.events).toEqual([]);
      expect(localStorage.length).toBe(0);
    } finally {
      Reflect.deleteProperty(navigator, 'globalPrivacyControl');
    }
  });
});
