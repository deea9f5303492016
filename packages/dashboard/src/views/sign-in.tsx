/**
 * The sign-in form: the secret results key, checked against the server before it is kept (in the tab's
 * sessionStorage, never in the URL).
 */
import { useState } from 'preact/hooks';
import { isUnauthorized, ResultsApiError } from '../api/results-client';
import type { Messages } from '../i18n/en';

export type SignInNotice = 'expired' | 'signedOut';

export interface SignInProps {
  readonly t: Messages;
  /** Why the form is shown again, if it is. */
  readonly notice: SignInNotice | null;
  /** Asks the server whether it accepts `key`; rejects with `UnauthorizedError` when it does not. */
  readonly check: (key: string) => Promise<void>;
  readonly onSignedIn: (key: string) => void;
}

export function SignIn({ t, notice, check, onSignedIn }: SignInProps) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') {
      setProblem(t.signInEmpty);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await check(trimmed);
      onSignedIn(trimmed);
    } catch (error) {
      setBusy(false);
      if (isUnauthorized(error)) setProblem(trimmed.startsWith('pk_') ? t.signInPublicKey : t.signInRejected);
      else if (error instanceof ResultsApiError && error.status === 0) setProblem(t.errorNetwork);
      else if (error instanceof ResultsApiError && error.status >= 500) setProblem(t.errorServer);
      else setProblem(t.errorResponse);
    }
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signInTitle}</h1>
      {notice !== null && (
        <p
          class={notice === 'expired' ? 'notice notice-warn' : 'notice'}
          role={notice === 'expired' ? 'alert' : 'status'}
        >
          {notice === 'expired' ? t.signInExpired : t.signInSignedOut}
        </p>
      )}
      <p>{t.signInIntro}</p>
      <form onSubmit={submit} noValidate>
        <label for="results-key">{t.signInKeyLabel}</label>
        <input
          id="results-key"
          name="key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={key}
          aria-describedby="results-key-hint"
          aria-invalid={problem !== null}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <p id="results-key-hint" class="hint">
          {t.signInKeyHint}
        </p>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signInChecking : t.signInSubmit}
        </button>
      </form>
    </section>
  );
}
