/**
 * The dashboard app: sign-in, the language switch, the filters and the two pages (overview, one touchpoint).
 * Everything it touches outside itself is passed in — fetch, storage, the browser's languages, the clock,
 * navigation and file saving — so tests render it with fixtures and no module mocks.
 */
import type { OverviewResponse } from '@touchpoint/core';
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AdminApiError, createAdminClient, isAdminKey } from './admin/admin-client';
import type { AdminRootProps } from './admin/admin-root';
import { createResultsClient, type FetchLike, filterQuery, UnauthorizedError } from './api/results-client';
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
import { filtersFromQuery, pathOf, queryOf } from './routing/filter-query';
import type { Navigation } from './routing/navigation';
import { parseRoute } from './routing/route';
import type { SaveFile } from './save-file';
import { ALERTS_MESSAGES } from './views/alerts/alerts-messages';
import { AlertsPage } from './views/alerts/alerts-page';
import { AtRiskPage } from './views/at-risk-page';
import { ErrorBoundary } from './views/error-boundary';
import { ExportButtons } from './views/export-buttons';
import { FilterBar } from './views/filter-bar';
import { InboxPage } from './views/inbox-page';
import { JourneyPage } from './views/journey-page';
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
  /**
   * The filters an address names (the hash's query, `routing/filter-query.ts`); an address without them (or with
   * a broken range) means the last four weeks, so a bookmark of the plain dashboard keeps rolling.
   */
  const { now } = props;
  const filtersOf = useCallback(
    (address: string) => filtersFromQuery(queryOf(address)) ?? lastDays(now(), DEFAULT_RANGE_DAYS),
    [now],
  );
  const [filters, setFilters] = useState<Filters>(() => filtersOf(navigation.current()));
  const [hash, setHash] = useState(() => navigation.current());
  useEffect(
    () =>
      navigation.subscribe(() => {
        const next = navigation.current();
        setHash(next);
        // Back, forward or a pasted link: its filters (the same ones keep their identity: no new requests).
        const named = filtersOf(next);
        setFilters((current) => (filterQuery(current) === filterQuery(named) ? current : named));
      }),
    [navigation, filtersOf],
  );

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
    // The admin key opens the editor, the results key the results; neither does the other's work.
    if (isAdminKey(candidate)) {
      try {
        await createAdminClient({
          fetch: props.fetch,
          key: candidate,
          ...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl }),
        }).site();
      } catch (error) {
        if (error instanceof AdminApiError && error.status === 401)
          throw new UnauthorizedError(error.message, 401);
        throw error;
      }
      return;
    }
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
  /** `page` with `chosen` in its query, so the link opens on the same view (nothing for the last four weeks). */
  const address = (page: string, chosen: Filters) => {
    const query = filterQuery(chosen);
    return query === filterQuery(lastDays(now(), DEFAULT_RANGE_DAYS))
      ? pathOf(page)
      : `${pathOf(page)}?${query}`;
  };
  const linkTo = (page: string) => address(page, filters);
  const openPage = (page: string) => open(linkTo(page));
  const changeFilters = (next: Filters) => {
    setFilters(next);
    navigation.go(address(hash, next));
  };

  const route = parseRoute(hash);
  const admin = key !== null && isAdminKey(key);
  // The editor is its own chunk, loaded only after an admin key signed in: results readers never download it.
  const [AdminRoot, setAdminRoot] = useState<((props: AdminRootProps) => JSX.Element) | null>(null);
  const [editorFailed, setEditorFailed] = useState(false);
  useEffect(() => {
    if (!admin || AdminRoot !== null) return;
    import('./admin/admin-root').then(
      (module) => setAdminRoot(() => module.AdminRoot),
      () => setEditorFailed(true),
    );
  }, [admin, AdminRoot]);
  const context: DashboardContextValue | null =
    client === null || admin ? null : { language, t, format, client, now: props.now, linkTo };

  return (
    <div class="app">
      <button type="button" class="skip-link" onClick={skip}>
        {t.skipToContent}
      </button>
      <header class="topbar">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">{t.productName}</span>
          <span class="brand-tagline">{admin ? t.editorTagline : t.productTagline}</span>
        </p>
        <div class="topbar-actions">
          <a class="nav-link" href={linkTo(route.page === 'alerts' ? '#/' : '#/alerts')}>
            {route.page === 'alerts' ? t.productTagline : ALERTS_MESSAGES[language].nav}
          </a>
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
        {route.page === 'alerts' ? (
          <AlertsPage
            fetch={props.fetch}
            storage={storage}
            // An admin signed in to the editor is not asked for the key again.
            adminKey={admin ? key : null}
            language={language}
            {...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl })}
          />
        ) : admin && key !== null && AdminRoot === null ? (
          <p role={editorFailed ? 'alert' : 'status'}>{editorFailed ? t.errorNetwork : '…'}</p>
        ) : admin && key !== null && AdminRoot !== null ? (
          <AdminRoot
            adminKey={key}
            fetch={props.fetch}
            {...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl })}
            language={language}
            languages={languages}
            hash={hash}
            onOpen={open}
            storage={storage}
            now={props.now}
            onUnauthorized={() => signOut('expired')}
            document={doc}
          />
        ) : context === null ? (
          <SignIn t={t} notice={notice} check={check} onSignedIn={signIn} />
        ) : (
          <DashboardContext.Provider value={context}>
            <nav class="page-nav" aria-label={t.pagesLabel}>
              {(
                [
                  ['#/', t.overviewTitle, route.page === 'overview' || route.page === 'touchpoint'],
                  ['#/inbox', t.inboxTitle, route.page === 'inbox'],
                  ['#/at-risk', t.atRiskTitle, route.page === 'at-risk'],
                  ['#/journey', t.journeyTitle, route.page === 'journey'],
                ] as const
              ).map(([href, label, current]) => (
                <a
                  key={href}
                  href={linkTo(href)}
                  aria-current={current ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    openPage(href);
                  }}
                >
                  {label}
                </a>
              ))}
            </nav>
            <div class="toolbar">
              <FilterBar filters={filters} onChange={changeFilters} />
              <ExportButtons filters={filters} saveFile={props.saveFile} />
            </div>
            <ErrorBoundary key={pathOf(hash)} t={t}>
              {route.page === 'overview' ? (
                <Overview filters={filters} onOpen={openPage} takePrimed={takePrimed} />
              ) : route.page === 'inbox' ? (
                <InboxPage filters={filters} />
              ) : route.page === 'at-risk' ? (
                <AtRiskPage filters={filters} onOpen={openPage} />
              ) : route.page === 'journey' ? (
                <JourneyPage filters={filters} journey={route.journey} onOpen={openPage} />
              ) : (
                <TouchpointPage
                  key={`${route.touchpoint}/${route.metric}/${route.points}`}
                  route={route}
                  filters={filters}
                  onOpen={openPage}
                />
              )}
            </ErrorBoundary>
          </DashboardContext.Provider>
        )}
      </main>
    </div>
  );
}
