/**
 * Where the results key is kept: the tab's sessionStorage (passed in), so it lasts until sign-out or the tab
 * closes, is never shared with other tabs, and is never in a URL. When storage is blocked it lives in memory
 * only, for this page.
 */

/** The sessionStorage entry that holds the key. */
export const KEY_STORAGE_NAME = 'touchpoint.resultsKey';

export interface KeyStore {
  read(): string | null;
  write(key: string): void;
  clear(): void;
}

export function createKeyStore(storage: Storage | null): KeyStore {
  let memory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(KEY_STORAGE_NAME) ?? memory;
      } catch {
        return memory;
      }
    },
    write(key) {
      memory = key;
      try {
        storage?.setItem(KEY_STORAGE_NAME, key);
      } catch {
        // Storage blocked or full: the key stays in memory for this page.
      }
    },
    clear() {
      memory = null;
      try {
        storage?.removeItem(KEY_STORAGE_NAME);
      } catch {
        // Nothing stored.
      }
    },
  };
}
