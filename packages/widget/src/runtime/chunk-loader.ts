/**
 * Loads a chunk of the script-tag build (the DOM trigger sources, the survey runtime, the collector): a classic `<script>` from
 * the same folder as embed.js, never another origin: chunk `name` is the file `touchpoint-{name}.js`. The chunk
 * hands over what it exports through `touchpoint.r(name, value)`. Under a strict CSP it carries the nonce of the loader's own tag; where Trusted Types are
 * enforced its URL goes through a named policy, `touchpoint` (`script.src` is a Trusted Types sink:
 * docs/faults.md case 45, incident 26); allow it with `trusted-types touchpoint`.
 */

/** `touchpoint-survey.js`: the survey runtime with the UI, next to embed.js. */
export const SURVEY_CHUNK = 'survey';
/** `touchpoint-collector.js`: the collector that delivers the events (with the survey chunk, or alone). */
export const COLLECTOR_CHUNK = 'collector';
/** `touchpoint-triggers.js`: the DOM trigger sources (click, scroll, time on page, exit intent, visibility). */
export const TRIGGERS_CHUNK = 'triggers';
/** `touchpoint-debug.js`: the words of debug mode (why each survey did or did not show); debug mode only. */
export const DEBUG_CHUNK = 'debug';
/** Name of the Trusted Types policy that creates the chunk's URL. */
export const TRUSTED_TYPES_POLICY = 'touchpoint';

interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): unknown };
}

export interface ChunkLoader {
  /** Loads a chunk once; resolves with what it registered. */
  load<T>(name: string): Promise<T>;
  /** Called by a chunk when it has run (through `touchpoint.r`). */
  register(name: string, value: unknown): void;
}

/** `folder`: the address of the folder embed.js came from, ending in `/`. */
export function createChunkLoader(window: Window, folder: string, nonce: string | undefined): ChunkLoader {
  const chunks: Record<string, Promise<unknown>> = {};
  const done: Record<string, (value: unknown) => void> = {};
  let policy: { createScriptURL(input: string): unknown } | undefined;
  return {
    register: (name, value) => done[name]?.(value),
    load<T>(name: string) {
      // What a chunk registers under its name is that chunk's contract (embed.ts, *-chunk.ts).
      chunks[name] ??= new Promise((resolve, reject) => {
        done[name] = resolve;
        const url = `${folder}touchpoint-${name}.js`;
        const script = window.document.createElement('script');
        if (nonce) script.nonce = nonce;
        // Made on first use (a page whose CSP does not allow it gets a rejection here, never a throw). Only this
        // closure holds the policy, and it is only ever given our own chunks' URLs (`folder` + a constant).
        policy ??= (window as { trustedTypes?: TrustedTypesLike }).trustedTypes?.createPolicy(
          TRUSTED_TYPES_POLICY,
          { createScriptURL: (input) => input },
        );
        // Reflect.set: under Trusted Types the sink takes a TrustedScriptURL, which TypeScript's DOM types lack.
        Reflect.set(script, 'src', policy ? policy.createScriptURL(url) : url);
        script.onerror = () => reject(new Error(url));
        window.document.head.appendChild(script);
      });
      return chunks[name] as Promise<T>;
    },
  };
}
