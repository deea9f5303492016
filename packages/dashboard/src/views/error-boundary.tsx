/**
 * The last line of defence: if drawing a view throws (an answer the guards let through that still breaks a
 * chart, say), the view is replaced by a message and a retry instead of a blank page.
 */
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import type { Messages } from '../i18n/en';

export function ErrorBoundary({
  t,
  children,
}: {
  readonly t: Messages;
  readonly children: ComponentChildren;
}) {
  const [error, reset] = useErrorBoundary((caught: unknown) => {
    console.error('[touchpoint] the dashboard could not draw this view:', caught);
  });
  if (error === undefined) return <>{children}</>;
  return (
    <div class="load-error" role="alert">
      <p>{t.errorResponse}</p>
      <button type="button" onClick={reset}>
        {t.retry}
      </button>
    </div>
  );
}
