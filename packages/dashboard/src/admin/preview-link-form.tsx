/**
 * A link to a page of the live site that shows this survey at once, whatever its rules (a signed preview token
 * valid for 30 minutes, honoured by the widget; nothing answered in a preview is sent or counted).
 */
import { useState } from 'preact/hooks';
import type { AdminClient, AdminSite } from './admin-client';
import { useEditor } from './editor-context';

export function PreviewLinkForm({
  client,
  site,
  surveyId,
}: {
  client: AdminClient;
  site: AdminSite;
  surveyId: string;
}) {
  const { t } = useEditor();
  const origin = site.allowedOrigins.find((o) => !o.includes('*')) ?? '';
  const [page, setPage] = useState(origin === '' ? '' : `${origin}/`);
  const [link, setLink] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const make = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      const answer = await client.preview({ surveyId, page });
      setLink(answer.url);
    } catch (error) {
      setLink(null);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section class="preview-link" aria-labelledby="preview-link-title">
      <h2 id="preview-link-title">{t.previewLinkTitle}</h2>
      <p class="hint">{t.previewLinkIntro}</p>
      <form onSubmit={make}>
        <div class="field">
          <label for="preview-page">{t.previewLinkPage}</label>
          <input id="preview-page" type="text" value={page} onInput={(e) => setPage(e.currentTarget.value)} />
        </div>
        <button type="submit">{t.previewLinkMake}</button>
      </form>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {link !== null && (
        <p role="status">
          {t.previewLinkReady}{' '}
          <a href={link} target="_blank" rel="noopener noreferrer" class="preview-url">
            {link}
          </a>
        </p>
      )}
    </section>
  );
}
