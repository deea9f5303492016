/**
 * The simulator tells the truth: for a table of cases (a config, a page event, a visitor with a history), the
 * answer of `POST /v1/admin/simulate` equals what the real widget decides on a real page in Chromium — the same
 * verdict per survey and the same reasons, word for word, as its debug mode prints them. One source of truth:
 * core's display rules. Each case's config is published through the admin API first, so the page also proves
 * a publish reaches the next page view.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, recordInHistory, type SurveyInput, type VisitorHistory } from '@touchpoint/core';
import { buildWidgetFiles, SHOP_CONFIG_FILE } from '@touchpoint/example-script-tag';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../src/browser-page';
import { type HostSite, startHostSite } from '../src/host-page';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';

const SITE_KEY = 'pk_simulator';
const ADMIN_KEY = 'ak_simulator_0123456789abcdef';
const VISITOR = '3f1c9d5e-1111-4222-8333-944445555666';

type Entry = { surveyId: string; daysAgo: number };
interface Case {
  readonly name: string;
  readonly surveys: SurveyInput[];
  readonly fatigue?: { cooldownDays?: number; sessionCap?: number };
  readonly returning?: boolean;
  readonly displays?: Entry[];
  readonly answers?: Entry[];
  readonly dismissals?: Entry[];
  /**
   * The script tag's loader drops the occurrence before loading the rules (a paused survey, a trigger that does
   * not fire or a page its URL rules exclude): the widget prints no reasons, so only the verdicts are compared.
   */
  readonly decidedByLoader?: boolean;
}

const survey = (extra: Partial<SurveyInput> = {}): SurveyInput => ({
  id: 'nps-checkout',
  touchpoint: 'checkout.completed',
  question: { type: 'nps' },
  triggers: [{ type: 'event', name: 'checkout.completed' }],
  ...extra,
});

const CASES: Case[] = [
  { name: 'a new visitor on the order page: shown', surveys: [survey()] },
  {
    name: 'a returning visitor who saw it 10 days ago: recontact period 90 days',
    surveys: [survey()],
    returning: true,
    displays: [{ surveyId: 'nps-checkout', daysAgo: 10 }],
  },
  {
    name: 'seen 100 days ago: the recontact period has passed',
    surveys: [survey()],
    returning: true,
    displays: [{ surveyId: 'nps-checkout', daysAgo: 100 }],
  },
  {
    name: 'answered before, asked only until answered',
    surveys: [survey({ fatigue: { recontactDays: 0, untilAnswered: true } })],
    returning: true,
    displays: [{ surveyId: 'nps-checkout', daysAgo: 3 }],
    answers: [{ surveyId: 'nps-checkout', daysAgo: 3 }],
  },
  {
    name: 'new visitors only, and this one returns',
    surveys: [survey({ targeting: { visitors: 'new' } })],
    returning: true,
  },
  { name: 'phones only, and this is a desktop', surveys: [survey({ targeting: { devices: ['mobile'] } })] },
  {
    name: 'the page is excluded by a URL rule',
    decidedByLoader: true,
    surveys: [
      survey({
        triggers: [
          {
            type: 'event',
            name: 'checkout.completed',
            url: { exclude: [{ match: 'glob', value: '/page-*' }] },
          },
        ],
      }),
    ],
  },
  {
    name: 'another survey showed 2 days ago: the global cooldown of 7 days',
    surveys: [survey(), survey({ id: 'csat-other', touchpoint: 'other', question: { type: 'csat' } })],
    fatigue: { cooldownDays: 7 },
    returning: true,
    displays: [{ surveyId: 'csat-other', daysAgo: 2 }],
  },
  {
    name: 'two eligible surveys: the higher priority wins',
    surveys: [survey({ id: 'low' }), survey({ id: 'high', priority: 5 })],
  },
  { name: 'a 50 % sample, sticky per visitor', surveys: [survey({ targeting: { sampleRate: 50 } })] },
  {
    name: 'an attribute condition the visitor does not meet',
    surveys: [survey({ targeting: { attributes: [{ key: 'plan', op: 'equals', value: 'pro' }] } })],
  },
  { name: 'paused', surveys: [survey({ enabled: false })], decidedByLoader: true },
  {
    name: 'its schedule ended',
    surveys: [survey({ schedule: { end: '2020-01-01T00:00:00Z' } })],
  },
  {
    name: 'the event fires none of its triggers',
    decidedByLoader: true,
    surveys: [survey({ triggers: [{ type: 'event', name: 'signup.completed' }] })],
  },
];

/** The history the widget stores for these entries, built with core's own `recordInHistory`. */
function widgetHistory(c: Case, now: number): VisitorHistory {
  const entries = [
    ...(c.displays ?? []).map((e) => ({ ...e, what: 'shown' as const })),
    ...(c.answers ?? []).map((e) => ({ ...e, what: 'answered' as const })),
    ...(c.dismissals ?? []).map((e) => ({ ...e, what: 'dismissed' as const })),
  ].sort((a, b) => b.daysAgo - a.daysAgo);
  let history: VisitorHistory = { surveys: {}, sessionShown: 0 };
  for (const e of entries) history = recordInHistory(history, e.surveyId, e.what, now - e.daysAgo * DAY_MS);
  // The entries were earlier sessions: this session has shown nothing yet.
  return { ...history, sessionShown: 0 };
}

interface Verdict {
  readonly surveyId: string;
  readonly show: boolean;
  readonly reasons: string[];
}

/**
 * The widget's debug lines for one occurrence: per survey, its verdict and its reason lines. A survey that lost on
 * priority, or waits while another shows, "waits for" its turn (decisions/0010): it does not show now, as the
 * simulator says.
 */
function widgetVerdicts(lines: readonly string[]): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const line of lines) {
    const match = /^\[touchpoint\] [^\n]*: survey "([^"]+)" (shows|does not show|waits for )/.exec(line);
    if (match === null) continue;
    verdicts.push({
      surveyId: match[1]!,
      show: match[2] === 'shows',
      reasons: line
        .split('\n')
        .slice(1)
        .map((l) => l.trim()),
    });
  }
  return verdicts;
}

describe.skipIf(!browserAvailable())('the simulator equals the widget', () => {
  let server: ReferenceServer;
  let host: HostSite;
  let browser: BrowserHandle;
  let widgetDir: string;

  beforeAll(async () => {
    widgetDir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-sim-widget-')));
    let endpoint = '';
    const lazy = {
      get url() {
        return endpoint;
      },
    };
    server = await startReferenceServer([
      {
        id: 'simulator',
        publicKey: SITE_KEY,
        adminKey: ADMIN_KEY,
        allowedOrigins: ['http://127.0.0.1:*'],
        configFile: SHOP_CONFIG_FILE,
      },
    ]);
    endpoint = server.url;
    host = await startHostSite({ widgetDir, endpoint: lazy.url, siteKey: SITE_KEY });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
    if (widgetDir) rmSync(widgetDir, { recursive: true, force: true });
  });

  const admin = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${server.url}/v1/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: (await response.json()) as never,
    };
  };

  for (const c of CASES) {
    it(c.name, async () => {
      const config = {
        version: 1,
        fatigue: { cooldownDays: 0, sessionCap: 3, ...c.fatigue },
        surveys: c.surveys,
      };
      const current = await admin('GET', '/config');
      const published = await admin(
        'PUT',
        '/config',
        { config, note: c.name },
        { 'If-Match': current.etag! },
      );
      expect(published.status).toBe(201);

      const url = `${host.page({ inclusion: 'script-tag', track: 'checkout.completed' })}?touchpoint_debug=1`;
      const now = Date.now();
      const history = widgetHistory(c, now);
      const record = { v: 1, id: VISITOR, sessions: c.returning ? 2 : 1, seen: now - 60_000, history };
      const opened = await openPage(browser);
      await opened.context.addInitScript(
        ([key, value]) => localStorage.setItem(key!, value!),
        [`touchpoint:${SITE_KEY}:visitor`, JSON.stringify(record)],
      );
      await opened.page.goto(url);
      if (c.decidedByLoader) {
        await opened.page.waitForLoadState('networkidle');
        // The loader said so, and nothing showed.
        await expect.poll(() => opened.console.join('\n'), { timeout: 10_000 }).toMatch(/\[touchpoint\]/);
      } else {
        await expect
          .poll(() => widgetVerdicts(opened.console).length, { timeout: 10_000 })
          .toBe(c.surveys.length);
      }
      const widget = widgetVerdicts(opened.console);
      const cards = await opened.page.locator('[data-touchpoint]').count();
      const lines = [...opened.console];
      await opened.close();

      const at = (e: Entry) => new Date(now - e.daysAgo * DAY_MS).toISOString();
      const simulated = await admin('POST', '/simulate', {
        context: {
          url,
          event: 'checkout.completed',
          device: 'desktop',
          locale: 'en',
          returning: c.returning ?? false,
          visitorId: VISITOR,
        },
        history: {
          displays: (c.displays ?? []).map((e) => ({ surveyId: e.surveyId, at: at(e) })),
          answers: (c.answers ?? []).map((e) => ({ surveyId: e.surveyId, at: at(e) })),
          dismissals: (c.dismissals ?? []).map((e) => ({ surveyId: e.surveyId, at: at(e) })),
        },
        now,
      });
      expect(simulated.status).toBe(200);
      const answer = simulated.body as {
        surveys: {
          surveyId: string;
          show: boolean;
          reasons: { rule: string; pass: boolean; text: string }[];
        }[];
      };
      const fromSimulator = answer.surveys.map((s) => ({
        surveyId: s.surveyId,
        show: s.show,
        reasons: s.reasons.map((r) => `${r.pass ? '✓' : '✗'} ${r.rule}: ${r.text}`),
      }));
      if (c.decidedByLoader) {
        expect(widget, lines.join('\n')).toEqual([]);
        expect(cards).toBe(0);
        expect(fromSimulator.map((s) => s.show)).toEqual(c.surveys.map(() => false));
        return;
      }
      expect(fromSimulator).toEqual(widget);
      expect(cards).toBe(fromSimulator.some((s) => s.show) ? 1 : 0);
    });
  }
});
