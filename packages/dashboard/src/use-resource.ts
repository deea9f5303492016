/**
 * Loads data for a view: loading, then the data or an error, again whenever `deps` change. A newer load aborts
 * the older one, so a slow answer never overwrites a newer one. A 401 is not an error of the view: the client
 * has already sent the app back to the sign-in form.
 */
import { useEffect, useState } from 'preact/hooks';
import { isAbort, isUnauthorized } from './api/results-client';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'error'; readonly error: unknown };

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Resource<T> & { reload(): void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error) || isUnauthorized(error)) return;
        setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
