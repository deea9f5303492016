/**
 * A page's lifecycle without a browser: a window and a document (real `EventTarget`s) whose events the test fires,
 * and an online source it flips. Every `addEventListener` is recorded so a test can prove there is no `unload`.
 */
import type { OnlineSource } from '../../src/index';

class RecordingTarget extends EventTarget {
  readonly added: string[] = [];
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.added.push(args[0]);
    super.addEventListener(...args);
  }
}

export function fakePage() {
  const window = new RecordingTarget();
  const document = Object.assign(new RecordingTarget(), {
    visibilityState: 'visible' as 'visible' | 'hidden',
  });
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const onlineSource: OnlineSource = {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const pageEvent = (type: string, persisted = false) => Object.assign(new Event(type), { persisted });
  return {
    window,
    document,
    lifecycle: { window, document },
    online: onlineSource,
    setOnline(value: boolean) {
      online = value;
      for (const listener of listeners) listener(value);
    },
    hide() {
      document.visibilityState = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      document.visibilityState = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    /** Leaving: `visibilitychange → hidden`, then `pagehide`, as Chromium fires them on navigation. */
    leave(persisted = false) {
      this.hide();
      window.dispatchEvent(pageEvent('pagehide', persisted));
    },
    restore() {
      window.dispatchEvent(pageEvent('pageshow', true));
      this.show();
    },
  };
}
