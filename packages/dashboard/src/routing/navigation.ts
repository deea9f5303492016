/**
 * Where the app reads and writes its route. The page uses the window's location hash; tests use memory.
 */

export interface Navigation {
  /** The current hash, e.g. `#/touchpoint/checkout.completed/nps`. */
  current(): string;
  go(hash: string): void;
  /** Calls `listener` after every change (also back / forward); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function windowNavigation(win: Window): Navigation {
  return {
    current: () => win.location.hash,
    go: (hash) => {
      if (win.location.hash !== hash) win.location.hash = hash;
    },
    subscribe: (listener) => {
      win.addEventListener('hashchange', listener);
      return () => win.removeEventListener('hashchange', listener);
    },
  };
}

export function memoryNavigation(initial = '#/'): Navigation & { readonly history: readonly string[] } {
  const history = [initial];
  const listeners = new Set<() => void>();
  return {
    history,
    current: () => history[history.length - 1]!,
    go: (hash) => {
      history.push(hash);
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
