/** What a view shows while it loads, and when loading failed (with the server's words, as text). */
import { ResultsApiError } from '../api/results-client';
import { useDashboard } from '../dashboard-context';
import { UserText } from './user-text';

export function Loading() {
  const { t } = useDashboard();
  return (
    <p class="loading" role="status">
      {t.loading}
    </p>
  );
}

export function LoadError({ error, onRetry }: { readonly error: unknown; readonly onRetry: () => void }) {
  const { t } = useDashboard();
  const status = error instanceof ResultsApiError ? error.status : -1;
  const message =
    status === 0
      ? t.errorNetwork
      : status === -1
        ? t.errorResponse
        : status >= 500 || status === 429
          ? t.errorServer
          : t.errorRequest;
  const detail = error instanceof ResultsApiError ? error.detail : undefined;
  return (
    <div class="load-error" role="alert">
      <p>{message}</p>
      {detail !== undefined && (
        <p class="detail">
          <UserText text={detail} />
        </p>
      )}
      <button type="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}
