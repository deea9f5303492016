/**
 * The e-mail snippet of a survey (decisions/0012): a personal link's HTML (tables, inline styles, the scale as
 * buttons) and its plain-text alternative, from `GET /v1/admin/links/email`, for pasting into a mail tool. The
 * HTML is shown as an inert preview in a frame sandboxed without scripts (`inert-html.ts`), and both texts can be
 * copied exactly as the server wrote them.
 *
 * The snippet links to the published survey: a survey that is not published yet gets no snippet, and a survey
 * with unpublished changes is named as such.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AdminApiError, type AdminClient, type EmailSnippet } from './admin-client';
import type { AdminMessages } from './admin-messages';
import { useEditor } from './editor-context';
import { renderInertHtml } from './inert-html';

export interface EmailSnippetPanelProps {
  readonly client: AdminClient;
  readonly surveyId: string;
  /** Whether the published config has a survey with this id (the snippet links to it). */
  readonly published: boolean;
  /** Whether the draft of this survey differs from its published version. */
  readonly changed: boolean;
  /** The languages the question can be written in. */
  readonly languages: readonly string[];
  /** Copies text to the clipboard. @default `navigator.clipboard.writeText` */
  readonly writeClipboard?: (text: string) => Promise<void>;
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'ready'; readonly snippet: EmailSnippet }
  | { readonly kind: 'failed'; readonly message: string; readonly detail: string | null };

/** The words for a request that failed, by what went wrong. */
function failure(t: AdminMessages, error: unknown): { message: string; detail: string | null } {
  if (!(error instanceof AdminApiError)) {
    return { message: t.snippetFailed, detail: error instanceof Error ? error.message : String(error) };
  }
  if (error.status === 401) return { message: t.snippetUnauthorized, detail: null };
  if (error.status === 0) return { message: t.snippetUnreachable, detail: null };
  if (error.status === 400) return { message: t.snippetRefused, detail: error.message };
  return { message: t.snippetFailed, detail: error.message };
}

const defaultClipboard = (text: string): Promise<void> =>
  typeof navigator !== 'undefined' && navigator.clipboard !== undefined
    ? navigator.clipboard.writeText(text)
    : Promise.reject(new Error('no clipboard'));

export function EmailSnippetPanel(props: EmailSnippetPanelProps) {
  const { client, surveyId, published, changed, languages } = props;
  const { t } = useEditor();
  const [userId, setUserId] = useState('');
  const [lang, setLang] = useState(languages[0] ?? 'en');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [copied, setCopied] = useState<string | null>(null);
  // Another survey, another snippet.
  useEffect(() => {
    setState({ kind: 'idle' });
    setCopied(null);
  }, [surveyId]);

  const make = async (event: Event) => {
    event.preventDefault();
    setCopied(null);
    setState({ kind: 'busy' });
    try {
      const snippet = await client.emailSnippet({
        surveyId,
        ...(userId.trim() === '' ? {} : { userId: userId.trim() }),
        lang,
      });
      setState({ kind: 'ready', snippet });
    } catch (error) {
      setState({ kind: 'failed', ...failure(t, error) });
    }
  };

  const copy = async (what: 'html' | 'text', text: string, field: HTMLTextAreaElement | null) => {
    try {
      await (props.writeClipboard ?? defaultClipboard)(text);
      setCopied(what === 'html' ? t.snippetCopiedHtml : t.snippetCopiedText);
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is selected for Ctrl+C / ⌘C.
      field?.focus();
      field?.select();
      setCopied(t.snippetCopyByHand);
    }
  };

  return (
    <section class="email-snippet" aria-labelledby="email-snippet-title">
      <h2 id="email-snippet-title">{t.snippetTitle}</h2>
      <p class="hint">{t.snippetIntro}</p>
      {!published ? (
        <p class="notice notice-warn" role="status">
          {t.snippetNotPublished(surveyId)}
        </p>
      ) : (
        <>
          {changed && <p class="hint">{t.snippetUnpublishedChanges}</p>}
          <form class="row" onSubmit={make}>
            <div class="field">
              <label for="snippet-user">{t.snippetUser}</label>
              <input
                id="snippet-user"
                type="text"
                value={userId}
                maxLength={256}
                aria-describedby="snippet-user-hint"
                autocomplete="off"
                spellcheck={false}
                onInput={(e) => setUserId(e.currentTarget.value)}
              />
              <small id="snippet-user-hint">{t.snippetUserHint}</small>
            </div>
            <div class="field">
              <label for="snippet-language">{t.snippetLanguage}</label>
              <select id="snippet-language" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={state.kind === 'busy'}>
              {state.kind === 'busy' ? t.loading : t.snippetMake}
            </button>
          </form>
        </>
      )}
      {state.kind === 'failed' && (
        <div class="form-error" role="alert">
          <p>{state.message}</p>
          {state.detail !== null && <p>{state.detail}</p>}
        </div>
      )}
      {state.kind === 'ready' && (
        <SnippetResult snippet={state.snippet} t={t} copied={copied} onCopy={copy} />
      )}
    </section>
  );
}

function SnippetResult({
  snippet,
  t,
  copied,
  onCopy,
}: {
  readonly snippet: EmailSnippet;
  readonly t: AdminMessages;
  readonly copied: string | null;
  readonly onCopy: (what: 'html' | 'text', text: string, field: HTMLTextAreaElement | null) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const html = useRef<HTMLTextAreaElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const [dropped, setDropped] = useState(0);

  useEffect(() => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    const body = doc.body ?? doc.documentElement.appendChild(doc.createElement('body'));
    body.style.margin = '16px';
    body.style.background = '#ffffff';
    setDropped(renderInertHtml(snippet.html, body).dropped);
    // The preview never leaves itself: a button shows where it goes, and a click stays here.
    const stay = (event: Event) => {
      if ((event.target as Element | null)?.closest?.('a') != null) event.preventDefault();
    };
    doc.addEventListener('click', stay);
    if (frame.current)
      frame.current.style.height = `${Math.max(120, doc.documentElement.scrollHeight + 4)}px`;
    return () => doc.removeEventListener('click', stay);
  }, [snippet]);

  return (
    <div class="snippet-result">
      <h3>{t.snippetPreview}</h3>
      <iframe ref={frame} class="snippet-frame" sandbox="allow-same-origin" title={t.snippetFrameTitle} />
      {dropped > 0 && <p class="hint">{t.snippetDropped(dropped)}</p>}
      <p class="hint">
        {t.snippetLink} <span class="snippet-url">{snippet.url}</span>
      </p>
      <div class="field">
        <label for="snippet-html">{t.snippetHtml}</label>
        <textarea id="snippet-html" ref={html} readOnly rows={6} value={snippet.html} spellcheck={false} />
      </div>
      <button type="button" onClick={() => onCopy('html', snippet.html, html.current)}>
        {t.snippetCopyHtml}
      </button>
      <div class="field">
        <label for="snippet-text">{t.snippetText}</label>
        <textarea id="snippet-text" ref={text} readOnly rows={6} value={snippet.text} spellcheck={false} />
      </div>
      <button type="button" onClick={() => onCopy('text', snippet.text, text.current)}>
        {t.snippetCopyText}
      </button>
      <p role="status" class="snippet-copied">
        {copied ?? ''}
      </p>
    </div>
  );
}
