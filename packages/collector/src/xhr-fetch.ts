/**
 * `fetch` made of XMLHttpRequest, for pages that have none (old browsers, a host that deleted it: docs/faults.md
 * case 32). Same request (a POST, the given headers, never credentials), same answer; it has no keepalive, so at
 * page unload delivery goes by `sendBeacon`, or waits for the next page.
 */
import type { FetchLike } from './options';

export const xhrFetch =
  (Xhr: typeof XMLHttpRequest): FetchLike =>
  (url, init) =>
    new Promise((resolve, reject) => {
      const xhr = new Xhr();
      xhr.open('POST', url);
      for (const [name, value] of Object.entries(init.headers as Record<string, string>))
        xhr.setRequestHeader(name, value);
      xhr.onload = () =>
        resolve({
          status: xhr.status,
          headers: { get: (name) => xhr.getResponseHeader(name) },
          text: () => Promise.resolve(xhr.responseText),
        });
      // A request that never answers is timed out by the caller, which races it against its own timer.
      xhr.onerror = () => reject(new Error('network error'));
      xhr.send(init.body as string);
    });
