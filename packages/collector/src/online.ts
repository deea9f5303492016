/**
 * Online state as an injectable source (TanStack Query's onlineManager): tests and hosts can pass their own;
 * the default reads `navigator.onLine` and listens for `online` / `offline`.
 */
import type { EventTargetLike } from './options';

export interface OnlineSource {
  isOnline(): boolean;
  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** The browser's view: `navigator.onLine` (true when unknown) and the window's `online` / `offline` events. */
export function browserOnlineSource(
  target: EventTargetLike | undefined,
  navigator: { onLine?: boolean } | undefined = (globalThis as { navigator?: { onLine?: boolean } })
    .navigator,
): OnlineSource {
  return {
    isOnline: () => navigator?.onLine !== false,
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      target?.addEventListener('online', online);
      target?.addEventListener('offline', offline);
      return () => {
        target?.removeEventListener('online', online);
        target?.removeEventListener('offline', offline);
      };
    },
  };
}
