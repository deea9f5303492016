/**
 * The dashboard app: sign-in, the language switch, the filters and the two pages (overview, one touchpoint).
 * Everything it touches outside itself is passed in — fetch, storage, the browser's languages, the clock,
 * navigation and file saving — so tests render it with fixtures and no module mocks.
 */
import type { OverviewResponse } from '@touchpoint/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createResultsClient, type FetchLike } from './api/results-client';
import { createKeyStore } from './auth/key-store';
import { DashboardContext, type DashboardContextValue } from './dashboard-context';
import { createFormat } from './i18n/format';
import {
  formatLocale,
  LANGUAGE_STORAGE_NAME,
  LANGUAGES,
  type Language,
  MESSAGES,
  pickLanguage,
} from './i18n/language';
import { DEFAULT_RANGE_DAYS, type Filters, lastDays } from './model/filters';
import type { Navigation } from './routing/navigation';
import { parseRoute } from './routing/route';
import type { SaveFile } from './save-file';
import { AtRiskPage } from './views/at-risk-page';
import { ErrorBoundary } from './views/error-boundary';
import { ExportButtons } from './views/export-buttons';
import { FilterBar } from './views/filter-bar';
import { InboxPage } from './views/inbox-page';
import { Overview } from './views/overview';
import { SignIn, type SignInNotice } from './views/sign-in';
import { TouchpointPage } from './views/touchpoint-page';

export interface DashboardProps {
  /** Used for every results request. */
  readonly fetch: FetchLike;
  /** Keeps the results key and the language choice for the tab: the page passes `sessionStorage`; null when blocked. */
  readonly storage: Storage | null;
  /** The browser's preferred languages (`navigator.languages`), to pick English or Dutch. */
  readonly languages: readonly string[];
  /** Today, for the default date range. */
  readonly now: () => Date;
  readonly navigation: Navigation;
  readonly saveFile: SaveFile;
  /**
   * Origin and prefix of the results API, without a trailing slash.
   * @default '' (the same origin that serves the dashboard)
   */
  readonly baseUrl?: string;
  /** Where the page's language and title are set. @default the global `document` */
  readonly document?: Document;
}

function readStorage(storage: Storage | null, name: string): string | null {
  try {
    return storage?.getItem(name) ?? null;
  } catch {
    return null;
  }
}

export function Dashboard(props: DashboardProps) {
  const { storage, navigation } = props;
  const keyStore = useMemo(() => createKeyStore(storage), [storage]);
  const [key, setKey] = useState<string | null>(() => keyStore.read());
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const [language, setLanguage] = useState<Language>(() =>
    pickLanguage(props.languages, readStorage(storage, LANGUAGE_STORAGE_NAME)),
  );
  const [filters, setFilters] = useState<Filters>(() => lastDays(props.now(), DEFAULT_RANGE_DAYS));
  const [hash, setHash] = useState(() => navigation.current());
  useEffect(() => navigation.subscribe(() => setHash(navigation.current())), [navigation]);

  const t = MESSAGES[language];
  const { languages } = props;
  const format = useMemo(() => createFormat(formatLocale(language, languages), t), [language, languages, t]);
  const doc = props.document ?? (typeof document === 'undefined' ? undefined : document);
  useEffect(() => {
    if (doc === undefined) return;
    doc.documentElement.lang = language;
    doc.title = t.documentTitle;
  }, [doc, language, t]);

  const signOut = useCallback(
    (reason: SignInNotice) => {
      keyStore.clear();
      setKey(null);
      setNotice(reason);
    },
    [keyStore],
  );
  const client = useMemo(
    () =>
      key === null
        ? null
        : createResultsClient({
            fetch: props.fetch,
            key,
            ...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl }),
            onUnauthorized: () => signOut('expired'),
          }),
    [key, props.fetch, props.baseUrl, signOut],
  );

  const choose = (next: Language) => {
    setLanguage(next);
    try {
      storage?.setItem(LANGUAGE_STORAGE_NAME, next);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  };
  /**
   * The overview the sign-in check read: the overview page shows it instead of asking the server a second time
   * (taken once, and only for the filters it was read with).
   */
  const primed = useRef<{ readonly filters: Filters; readonly data: OverviewResponse } | null>(null);
  const check = async (candidate: string) => {
    const probe = createResultsClient({
      fetch: props.fetch,
      key: candidate,
      ...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl }),
    });
    primed.current = { filters, data: await probe.overview(filters) };
  };
  const takePrimed = useCallback((wanted: Filters): OverviewResponse | undefined => {
    const found = primed.current;
    primed.current = null;
    return found !== null && found.filters === wanted ? found.data : undefined;
  }, []);
  const signIn = (candidate: string) => {
    keyStore.write(candidate);
    setNotice(null);
    setKey(candidate);
  };
  const open = (next: string) => {
    navigation.go(next);
    if (doc !== undefined) doc.getElementById('main')?.focus();
  };
  const skip = () => doc?.getElementById('main')?.focus();

  const route = parseRoute(hash);
  const context: DashboardContextValue | null =
    client === null ? null : { language, t, format, client, now: props.now };

  return (
    <div class="app">
      <button type="button" class="skip-link" onClick={skip}>
        {t.skipToContent}
      </button>
      <header class="topbar">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">{t.productName}</span>
          <span class="brand-tagline">{t.productTagline}</span>
        </p>
        <div class="topbar-actions">
          <fieldset class="language-switch">
            <legend class="visually-hidden">{t.language}</legend>
            {LANGUAGES.map((code) => (
              <button
                key={code}
                type="button"
                lang={code}
                aria-pressed={language === code}
                onClick={() => choose(code)}
              >
                {MESSAGES[code].languageName}
              </button>
            ))}
          </fieldset>
          {client !== null && (
            <button type="button" class="sign-out" onClick={() => signOut('signedOut')}>
              {t.signOut}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {context === null ? (
          <SignIn t={t} notice={notice} check={check} onSignedIn={signIn} />
        ) : (
          <DashboardContext.Provider value={context}>
            <nav class="page-nav" aria-label={t.pagesLabel}>
              {(
                [
                  ['#/', t.overviewTitle, route.page === 'overview' || route.page === 'touchpoint'],
                  ['#/inbox', t.inboxTitle, route.page === 'inbox'],
                  ['#/at-risk', t.atRiskTitle, route.page === 'at-risk'],
                ] as const
              ).map(([href, label, current]) => (
                <a
                  key={href}
                  href={href}
                  aria-current={current ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    open(href);
                  }}
                >
                  {label}
                </a>
              ))}
            </nav>
            <div class="toolbar">
              <FilterBar filters={filters} onChange={setFilters} />
              <ExportButtons filters={filters} saveFile={props.saveFile} />
            </div>
            <ErrorBoundary key={hash} t={t}>
              {route.page === 'overview' ? (
                <Overview filters={filters} onOpen={open} takePrimed={takePrimed} />
              ) : route.page === 'inbox' ? (
                <InboxPage filters={filters} />
              ) : route.page === 'at-risk' ? (
                <AtRiskPage filters={filters} onOpen={open} />
              ) : (
                <TouchpointPage
                  key={`${route.touchpoint}/${route.metric}/${route.points}`}
                  route={route}
                  filters={filters}
                  onOpen={open}
                />
              )}
            </ErrorBoundary>
          </DashboardContext.Provider>
        )}
      </main>
    </div>
  );
}
