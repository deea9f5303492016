/**
 * Web Storage that never throws: reading `window.localStorage` throws in sandboxed iframes and with storage
 * blocked, `setItem` throws when the quota is full or in some private modes (docs/faults.md cases 23–25).
 * Every failure is logged once and the caller keeps its data in memory.
 */
import type { Logger } from './logger';

/** The part of the Web Storage API the widget uses; bring your own to wrap or redirect storage. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `local` (default): localStorage; `session`: sessionStorage (one tab); `memory`: nothing is ever written. */
export type StorageOption = 'local' | 'session' | 'memory' | StorageLike;

/** The area an option names (reading `localStorage` may throw: storage blocked, sandboxed iframe). */
export const storageArea = (window: Window, option: unknown): Partial<Storage> | undefined =>
  // 'local' → window.localStorage, 'session' → window.sessionStorage; 'memory' (or any other word) → none.
  option === 'local' || option === 'session'
    ? window[`${option}Storage`]
    : typeof option === 'object'
      ? (option as StorageLike)
      : undefined;

export interface SafeStorage {
  read(key: string): string | undefined;
  /** Whether the write landed. */
  write(key: string, value: string): boolean;
  remove(key: string): void;
}

export function openStorage(window: Window, option: StorageOption, log: Logger): SafeStorage {
  let warned = false;
  const attempt = <T>(what: string, fn: (storage: StorageLike) => T): T | undefined => {
    try {
      const storage = storageArea(window, option);
      return storage && fn(storage as StorageLike);
    } catch (error) {
      if (!warned) {
        warned = true;
        log.warn(`storage is unavailable (${what}); keeping visitor data in memory for this page.`, error);
      }
      return undefined;
    }
  };
  return {
    read: (key) => attempt('read', (storage) => storage.getItem(key)) ?? undefined,
    write: (key, value) =>
      attempt('write', (storage) => {
        storage.setItem(key, value);
        return true;
      }) ?? false,
    remove: (key) => {
      attempt('remove', (storage) => storage.removeItem(key));
    },
  };
}
