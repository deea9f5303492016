import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../api/results-client';
import { createAdminClient } from './admin-client';
import { adminEn, adminNl } from './admin-messages';
import { EditorContext } from './editor-context';
import { EmailSnippetPanel, type EmailSnippetPanelProps } from './email-snippet-panel';

afterEach(cleanup);

const SNIPPET = {
  html:
    '<table role="presentation" style="max-width:560px;"><tr><td style="color:#18181b;">How likely?</td></tr>' +
    '<tr><td><a href="https://survey.example/s/nps?t=abc&amp;score=9" target="_blank" ' +
    'style="display:block;border:1px solid #a1a1aa;" aria-label="9">9</a>' +
    '<a href="javascript:alert(1)" onclick="alert(2)">x</a><script>alert(3)</script>' +
    '<img src="https://tracker.example/p.gif"></td></tr></table>',
  text: 'How likely?\n\n9: https://survey.example/s/nps?t=abc&score=9\n',
  url: 'https://survey.example/s/nps?t=abc',
  responseId: 'r-1',
  expiresAt: null,
};

type Reply = { status: number; body: unknown } | 'network';

/** The admin client over a `fetch` that answers `reply` and records every URL it was asked. */
function clientAnswering(reply: Reply) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url) => {
    asked.push(url);
    if (reply === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { client: createAdminClient({ fetch, key: 'ak_test' }), asked };
}

function renderPanel(reply: Reply, props: Partial<EmailSnippetPanelProps> = {}, t = adminEn) {
  const { client, asked } = clientAnswering(reply);
  const copied: string[] = [];
  render(
    <EditorContext.Provider value={{ draft: {}, update: () => {}, problems: [], t, language: 'en' }}>
      <EmailSnippetPanel
        client={client}
        surveyId="nps-checkout"
        published
        changed={false}
        languages={['en', 'nl']}
        writeClipboard={async (text) => {
          copied.push(text);
        }}
        {...props}
      />
    </EditorContext.Provider>,
  );
  return { asked, copied };
}

const make = (t = adminEn) => fireEvent.click(screen.getByRole('button', { name: t.snippetMake }));

describe('the e-mail snippet panel', () => {
  it('asks for the survey, user and language, shows both texts exactly and copies them', async () => {
    const { asked, copied } = renderPanel({ status: 200, body: SNIPPET });
    fireEvent.input(screen.getByLabelText(adminEn.snippetUser), { target: { value: ' u-7 ' } });
    fireEvent.change(screen.getByLabelText(adminEn.snippetLanguage), { target: { value: 'nl' } });
    make();
    const html = (await screen.findByLabelText(adminEn.snippetHtml)) as HTMLTextAreaElement;
    const url = new URL(asked[0]!, 'http://x.test');
    expect(url.pathname).toBe('/v1/admin/links/email');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      survey: 'nps-checkout',
      format: 'json',
      user: 'u-7',
      lang: 'nl',
    });
    expect(html.value).toBe(SNIPPET.html);
    expect((screen.getByLabelText(adminEn.snippetText) as HTMLTextAreaElement).value).toBe(SNIPPET.text);

    // The preview's frame runs no script (what it draws: inert-html.test.ts here, and in Chromium the server's test).
    const frame = screen.getByTitle(adminEn.snippetFrameTitle) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');

    fireEvent.click(screen.getByRole('button', { name: adminEn.snippetCopyHtml }));
    await screen.findByText(adminEn.snippetCopiedHtml);
    fireEvent.click(screen.getByRole('button', { name: adminEn.snippetCopyText }));
    await screen.findByText(adminEn.snippetCopiedText);
    expect(copied).toEqual([SNIPPET.html, SNIPPET.text]);
  });

  it('leaves out the user when none is given', async () => {
    const { asked } = renderPanel({ status: 200, body: SNIPPET });
    make();
    await screen.findByLabelText(adminEn.snippetHtml);
    expect(new URL(asked[0]!, 'http://x.test').searchParams.has('user')).toBe(false);
  });

  it('selects the text for Ctrl+C when the clipboard is refused', async () => {
    renderPanel(
      { status: 200, body: SNIPPET },
      {
        writeClipboard: () => Promise.reject(new Error('denied')),
      },
    );
    make();
    const text = (await screen.findByLabelText(adminEn.snippetText)) as HTMLTextAreaElement;
    fireEvent.click(screen.getByRole('button', { name: adminEn.snippetCopyText }));
    await screen.findByText(adminEn.snippetCopyByHand);
    expect(document.activeElement).toBe(text);
  });

  it('makes no request for a survey that is not published, and says so', () => {
    const { asked } = renderPanel({ status: 200, body: SNIPPET }, { published: false });
    expect(screen.getByText(adminEn.snippetNotPublished('nps-checkout'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: adminEn.snippetMake })).toBeNull();
    expect(asked).toEqual([]);
  });

  it('says when the snippet shows the published version, not the draft', () => {
    renderPanel({ status: 200, body: SNIPPET }, { changed: true });
    expect(screen.getByText(adminEn.snippetUnpublishedChanges)).toBeTruthy();
  });

  it.each([
    [
      'a refused admin key',
      { status: 401, body: { ok: false, error: { code: 'unauthorized', message: 'no' } } },
      adminEn.snippetUnauthorized,
      null,
    ],
    [
      "the server's refusal, in its words",
      {
        status: 400,
        body: { ok: false, error: { code: 'invalid_parameters', message: 'survey: expected a survey' } },
      },
      adminEn.snippetRefused,
      'survey: expected a survey',
    ],
    [
      'a server error',
      { status: 500, body: { ok: false, error: { code: 'internal', message: 'boom' } } },
      adminEn.snippetFailed,
      'boom',
    ],
    ['no server', 'network' as const, adminEn.snippetUnreachable, null],
  ] as const)('shows %s as an alert', async (_, reply, message, detail) => {
    renderPanel(reply);
    make();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(message);
    if (detail !== null) expect(alert.textContent).toContain(detail);
    expect(screen.queryByLabelText(adminEn.snippetHtml)).toBeNull();
  });

  it('speaks Dutch', async () => {
    renderPanel({ status: 200, body: SNIPPET }, {}, adminNl);
    expect(screen.getByRole('heading', { name: adminNl.snippetTitle })).toBeTruthy();
    make(adminNl);
    await waitFor(() => expect(screen.getByRole('button', { name: adminNl.snippetCopyHtml })).toBeTruthy());
  });
});
