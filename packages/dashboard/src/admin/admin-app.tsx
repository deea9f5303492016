/**
 * The editor, for the bearer of the site's admin key: the draft config (kept in the tab until published or
 * discarded), the admin navigation, and the page of the route. Publishing sends the draft with the ETag of the
 * version it was edited from, so a publish by someone else in between is a conflict that loses nothing: the
 * draft stays, the differences are shown, and publishing again puts it on top of theirs.
 */
import { type ConfigChange, describeChange, diffConfigs, type Problem } from '@touchpoint/core';
import { parseConfig } from '@touchpoint/core/schema';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminClient, AdminSite, ConfigVersion } from './admin-client';
import { AdminApiError } from './admin-client';
import type { AdminMessages } from './admin-messages';
import { ADMIN_PAGES, adminHash, parseAdminRoute } from './admin-pages';
import { CardPreview } from './card-preview';
import { cloneJson, getAt, type JsonObject, type Path, setAt } from './config-paths';
import { EditorContext, type EditorContextValue } from './editor-context';
import { EmailSnippetPanel } from './email-snippet-panel';
import { PreviewLinkForm } from './preview-link-form';
import { SimulatorForm } from './simulator-form';
import { languagesOf, SiteForm, SurveyForm } from './survey-form';
import { SurveyList } from './survey-list';
import { VersionHistory } from './version-history';

/** Where the tab keeps the draft: per site, with the version it was edited from. */
export const draftStorageName = (siteId: string) => `touchpoint.editorDraft.${siteId}`;
const AUTHOR_STORAGE_NAME = 'touchpoint.editorAuthor';

export interface AdminAppProps {
  readonly client: AdminClient;
  readonly site: AdminSite;
  readonly t: AdminMessages;
  readonly language: string;
  readonly hash: string;
  readonly onOpen: (hash: string) => void;
  readonly storage: Storage | null;
  readonly now: () => Date;
  readonly formatTime: (ms: number) => string;
}

interface Draft {
  /** The version the draft was edited from; its ETag goes with the publish. */
  readonly base: ConfigVersion;
  readonly json: JsonObject;
}

type PublishState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'conflict'; readonly theirs: ConfigVersion; readonly changes: ConfigChange[] }
  | { readonly kind: 'failed'; readonly message: string };

function read(storage: Storage | null, name: string): string | null {
  try {
    return storage?.getItem(name) ?? null;
  } catch {
    return null;
  }
}
function write(storage: Storage | null, name: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(name);
    else storage?.setItem(name, value);
  } catch {
    // Storage blocked: the draft lives in this page only.
  }
}

export function AdminApp(props: AdminAppProps) {
  const { client, site, t, storage } = props;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [publish, setPublish] = useState<PublishState>({ kind: 'idle' });
  const [note, setNote] = useState('');
  const [author, setAuthor] = useState(() => read(storage, AUTHOR_STORAGE_NAME) ?? '');
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    client.config().then(
      (published) => {
        if (!live) return;
        let restored: Draft | null = null;
        try {
          const saved = JSON.parse(read(storage, draftStorageName(site.id)) ?? 'null') as Draft | null;
          if (saved && typeof saved.base?.etag === 'string' && saved.json) restored = saved;
        } catch {
          // A draft that cannot be read is dropped.
        }
        setDraft(restored ?? { base: published, json: cloneJson(published.config) });
      },
      (error: unknown) => live && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client, site.id, storage, attempt]);

  useEffect(() => {
    if (draft !== null) write(storage, draftStorageName(site.id), JSON.stringify(draft));
  }, [draft, storage, site.id]);

  const update = useCallback((path: Path, value: unknown) => {
    setServerProblems([]);
    setPublish((state) => (state.kind === 'conflict' ? state : { kind: 'idle' }));
    setDraft((current) =>
      current === null ? current : { ...current, json: setAt(current.json, path, value) as JsonObject },
    );
  }, []);

  const localProblems = useMemo(() => {
    if (draft === null) return [];
    const parsed = parseConfig(draft.json);
    return parsed.ok ? [] : parsed.problems;
  }, [draft]);
  const problems = useMemo(() => [...localProblems, ...serverProblems], [localProblems, serverProblems]);
  const changes = useMemo(() => (draft === null ? [] : diffConfigs(draft.base.config, draft.json)), [draft]);

  const context: EditorContextValue | null = useMemo(
    () => (draft === null ? null : { draft: draft.json, update, problems, t, language: props.language }),
    [draft, update, problems, t, props.language],
  );

  if (loadError !== null) {
    return (
      <div class="notice notice-warn" role="alert">
        <p>{t.loadFailed}</p>
        <p>{loadError}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </div>
    );
  }
  if (draft === null || context === null) return <p role="status">{t.loading}</p>;

  const published = (version: ConfigVersion, message: string) => {
    setDraft({ base: version, json: cloneJson(version.config) });
    setPublish({ kind: 'done', message });
    setNote('');
    setRevision((n) => n + 1);
  };

  const doPublish = async (on: ConfigVersion) => {
    setPublish({ kind: 'busy' });
    write(storage, AUTHOR_STORAGE_NAME, author || null);
    try {
      const version = await client.publish(draft.json, note, on.etag, author || undefined);
      published(version, t.published(version.number));
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 412) {
        const theirs = await client.config();
        setPublish({ kind: 'conflict', theirs, changes: diffConfigs(draft.base.config, theirs.config) });
      } else if (error instanceof AdminApiError && error.status === 422) {
        setServerProblems([...error.problems]);
        setPublish({ kind: 'failed', message: error.message });
      } else {
        setPublish({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  const route = parseAdminRoute(props.hash);
  const surveys = Array.isArray(draft.json.surveys) ? draft.json.surveys : [];
  const surveyIndex = route.index !== undefined && route.index < surveys.length ? route.index : undefined;

  return (
    <EditorContext.Provider value={context}>
      <div class="admin">
        <nav class="admin-nav" aria-label={t.navLabel}>
          <ul>
            {ADMIN_PAGES.map((page) => (
              <li key={page.id}>
                <a
                  href={adminHash({ page: page.id })}
                  aria-current={
                    route.page === page.id || (page.id === 'surveys' && route.page === 'survey')
                      ? 'page'
                      : undefined
                  }
                >
                  {page.label(t)}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <section class="publish-bar" aria-label={t.publish}>
          <p class="draft-state" role="status">
            {changes.length === 0 ? t.draftClean(draft.base.number) : t.draftChanged(changes.length)}
          </p>
          {problems.length > 0 && (
            <div class="problems" role="alert">
              <h2>{t.problemsTitle(problems.length)}</h2>
              <ul>
                {problems.map((p) => (
                  <li key={p.path + p.message}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}
          {changes.length > 0 && (
            <form
              class="row publish-form"
              onSubmit={(event) => {
                event.preventDefault();
                void doPublish(draft.base);
              }}
            >
              <div class="field">
                <label for="publish-note">{t.noteLabel}</label>
                <input
                  id="publish-note"
                  type="text"
                  value={note}
                  maxLength={500}
                  onInput={(e) => setNote(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="publish-author">{t.authorLabel}</label>
                <input
                  id="publish-author"
                  type="text"
                  value={author}
                  maxLength={100}
                  onInput={(e) => setAuthor(e.currentTarget.value)}
                />
              </div>
              <button type="submit" class="primary" disabled={problems.length > 0 || publish.kind === 'busy'}>
                {publish.kind === 'busy' ? t.publishing : t.publish}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft({ base: draft.base, json: cloneJson(draft.base.config) });
                  setServerProblems([]);
                  setPublish({ kind: 'idle' });
                }}
              >
                {t.discardDraft}
              </button>
            </form>
          )}
          {publish.kind === 'done' && (
            <p class="notice" role="status">
              {publish.message}
            </p>
          )}
          {publish.kind === 'failed' && (
            <p class="form-error" role="alert">
              {publish.message}
            </p>
          )}
          {publish.kind === 'conflict' && (
            <div class="notice notice-warn conflict" role="alert">
              <p>{t.conflict(publish.theirs.number, publish.theirs.author)}</p>
              <ul class="diff-lines">
                {publish.changes.map((change) => (
                  <li key={change.path}>
                    <code>{describeChange(change)}</code>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                class="primary"
                onClick={() => {
                  setDraft({ base: publish.theirs, json: draft.json });
                  void doPublish(publish.theirs);
                }}
              >
                {t.publishOver(publish.theirs.number)}
              </button>
            </div>
          )}
        </section>

        {surveyIndex !== undefined ? (
          <div class="survey-page">
            <p>
              <a href={adminHash({ page: 'surveys' })}>{t.backToSurveys}</a>
            </p>
            <h1>{t.editTitle(String(getAt(draft.json, ['surveys', surveyIndex, 'id']) ?? ''))}</h1>
            <div class="editor-columns">
              <SurveyForm index={surveyIndex} />
              <div class="editor-side">
                <CardPreview index={surveyIndex} />
                <SimulatorForm
                  client={client}
                  surveyId={String(getAt(draft.json, ['surveys', surveyIndex, 'id']) ?? '')}
                />
                <PreviewLinkForm
                  client={client}
                  site={site}
                  surveyId={String(getAt(draft.json, ['surveys', surveyIndex, 'id']) ?? '')}
                />
                <EmailSnippetFor client={client} draft={draft.json} base={draft.base} index={surveyIndex} />
              </div>
            </div>
          </div>
        ) : route.page === 'site' ? (
          <>
            <h1 class="visually-hidden">{t.siteTitle}</h1>
            <SiteForm />
          </>
        ) : route.page === 'simulator' ? (
          <SimulatorForm client={client} />
        ) : route.page === 'history' ? (
          <VersionHistory
            t={t}
            client={client}
            published={draft.base}
            formatTime={props.formatTime}
            revision={revision}
            onPublished={(version, message) => {
              setDraft({ base: version, json: cloneJson(version.config) });
              setPublish({ kind: 'done', message });
              setRevision((n) => n + 1);
            }}
          />
        ) : (
          <SurveyList onOpen={props.onOpen} now={props.now().getTime()} />
        )}
      </div>
    </EditorContext.Provider>
  );
}

/** The e-mail snippet panel of the draft's survey `index`, told whether that survey is published and unchanged. */
function EmailSnippetFor(props: {
  client: AdminClient;
  draft: JsonObject;
  base: ConfigVersion;
  index: number;
}) {
  const survey = getAt(props.draft, ['surveys', props.index]);
  const surveyId = String(getAt(props.draft, ['surveys', props.index, 'id']) ?? '');
  const publishedSurveys = Array.isArray(props.base.config.surveys) ? props.base.config.surveys : [];
  const published = publishedSurveys.find(
    (s: unknown) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === surveyId,
  );
  return (
    <EmailSnippetPanel
      client={props.client}
      surveyId={surveyId}
      published={published !== undefined}
      changed={published !== undefined && JSON.stringify(published) !== JSON.stringify(survey)}
      languages={languagesOf(props.draft, survey)}
    />
  );
}
