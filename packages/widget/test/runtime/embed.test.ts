/**
 * The script-tag loader in happy-dom: the published stub queues calls, embed.js replays them in order, adds one
 * global and nothing else, and a second copy does nothing but warn. Real Chromium runs the built file in
 * embed.browser.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TouchpointGlobal } from '../../src/embed';
import { STUB_SNIPPET } from '../../src/stub-snippet';
import { lines } from './harness';

const host = window as unknown as { touchpoint?: TouchpointGlobal };
const config = {
  version: 1,
  surveys: [
    { id: 's', touchpoint: 't', question: { type: 'nps' }, triggers: [{ type: 'event', name: 'never' }] },
  ],
};
const loadEmbed = async () => {
  vi.resetModules();
  await import('../../src/embed');
};

let log: ReturnType<typeof vi.spyOn>;
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(window.console, 'log').mockImplementation(() => {});
  warn = vi.spyOn(window.console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  host.touchpoint?.('destroy');
  delete host.touchpoint;
  vi.restoreAllMocks();
});

describe('embed.js', () => {
  it('replays the stub queue in order, calls made before init included', async () => {
    // The snippet as published in README.md, run as the page would run it.
    new Function(STUB_SNIPPET)();
    const stub = host.touchpoint!;
    stub('track', 'first');
    stub('init', { siteKey: 'site-1', config, debug: true });
    stub('track', 'second');
    expect(stub.q).toHaveLength(3);
    await loadEmbed();
    host.touchpoint!('track', 'third');
    const tracked = lines(log).flatMap((l) => /"name":"(\w+)"/.exec(l)?.[1] ?? []);
    expect(tracked).toEqual(['first', 'second', 'third']);
    expect(host.touchpoint).not.toBe(stub);
    expect(host.touchpoint!.v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('adds one global, touchpoint, and nothing else', async () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    await loadEmbed();
    host.touchpoint!('init', { siteKey: 'site-1', config });
    const added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    expect(added).toEqual(['touchpoint']);
  });

  it('a second copy of embed.js does nothing but warn once (fault 36)', async () => {
    await loadEmbed();
    const first = host.touchpoint;
    await loadEmbed();
    expect(host.touchpoint).toBe(first);
    expect(lines(warn)).toEqual([expect.stringMatching(/^\[touchpoint\] embed\.js is included twice/)]);
  });

  it('warns about an unknown command and never throws', async () => {
    await loadEmbed();
    host.touchpoint!('init', { siteKey: 'site-1', config });
    expect(() => host.touchpoint!('explode', 1)).not.toThrow();
    expect(lines(warn).join()).toContain('unknown command: explode');
  });
});
