/**
 * The options of `init()` (npm) and `touchpoint('init', …)` (script tag), each with its default, and their
 * validation: from the script tag they are plain JavaScript from the host, so nothing is trusted.
 */
import type { EventSink, TouchpointConfigInput, WireEvent } from '@touchpoint/core';
import { isLocale } from './page-context';
import type { StorageOption } from './safe-storage';

export interface InitOptions {
  /**
   * The site's public key. It names the site to the server and namespaces what the widget stores, so two sites
   * (or two keys) on one page never share visitor data. Letters, digits and `. _ : -`, at most 64 characters.
   */
  siteKey: string;
  /**
   * Base URL of the Touchpoint server, e.g. `https://feedback.example.com` (a relative path such as `/tp` works
   * behind a same-origin proxy). The survey config is loaded from `GET {endpoint}/v1/config?site={siteKey}` unless
   * `config` is given; the script tag also sends events to `POST {endpoint}/v1/events?site={siteKey}`.
   * @default undefined (then `config` is required)
   */
  endpoint?: string;
  /**
   * The surveys inline, as in a config file (`{ version: 1, surveys: [...] }`); validated in the browser and
   * defaults filled in. Left out: loaded from the endpoint.
   * @default undefined
   */
  config?: TouchpointConfigInput;
  /**
   * Where lifecycle events go: an `EventSink` (such as `createCollector()` from `@touchpoint/collector`) or a
   * function. Errors it throws are caught and logged. The script tag sends to the collector as well.
   * @default undefined (npm: events are dropped; script tag: collector only)
   */
  onEvent?: EventSink | ((event: WireEvent) => void);
  /**
   * Locale for survey texts and locale targeting (a BCP 47 tag such as `nl-BE`).
   * @default `<html lang>`, then the config's `defaultLocale`, then the browser's language, then `en`
   */
  locale?: string;
  /**
   * Log every display decision with its reasons, prefixed `[touchpoint]`. Also on with `?touchpoint_debug=1` in
   * the page address.
   * @default false
   */
  debug?: boolean;
  /**
   * Consent mode: nothing is read from or written to storage until `consent(true)`; until then the visitor lives
   * in memory for this page. `consent(false)` clears what was stored. Surveys still show and answers are sent.
   * @default false
   */
  consentRequired?: boolean;
  /**
   * Honour Global Privacy Control and Do Not Track: with either signal on, no survey shows and nothing is sent
   * or stored (checked before anything else).
   * @default false
   */
  respectPrivacySignals?: boolean;
  /**
   * Where the visitor record (anonymous id, session, survey history) is kept: `local` (localStorage), `session`
   * (sessionStorage, one tab), `memory` (never written), or your own `StorageLike`.
   * @default 'local'
   */
  storage?: StorageOption;
  /**
   * CSP nonce for the survey card's fallback `<style>` (and, for the script tag, the survey chunk's `<script>`).
   * @default the `nonce` of the `<script>` that loaded embed.js (script tag); none (npm)
   */
  nonce?: string;
  /**
   * Query parameters kept in the `context.path` of events, e.g. `['utm_campaign']`; every other parameter and the
   * hash are stripped, so an `?email=` never leaves the page.
   * @default []
   */
  allowedQueryParams?: readonly string[];
}

/** The options the loader needs before the survey runtime is there, checked at `init`. */
export interface LoaderOptions {
  readonly siteKey: string;
  /** Absolute, without a trailing slash. */
  readonly endpoint: string | undefined;
  readonly config: unknown;
  readonly debug: boolean;
  /** Everything as the host passed it; the runtime checks the rest (`resolveOptions`). */
  readonly input: Record<string, unknown>;
}

/** The options delivery reads (the collector chunk), checked and with their defaults. */
export interface DeliveryOptions extends LoaderOptions {
  readonly consentRequired: boolean;
  readonly respectPrivacySignals: boolean;
  readonly storage: StorageOption;
}

/** Every option, checked and with its default. */
export interface ResolvedOptions extends DeliveryOptions {
  readonly onEvent: ((event: WireEvent) => void) | undefined;
  readonly locale: string | undefined;
  readonly nonce: string | undefined;
  readonly allowedQueryParams: readonly string[];
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Checks what the loader needs (kept small: the loader is paid for on every page view). Returns the problems in
 * words, or `undefined` and the options.
 */
export function loaderOptions(input: unknown, window: Window): LoaderOptions | string {
  if (!isObject(input)) return 'expected { siteKey, endpoint }';
  const { siteKey, endpoint, config } = input;
  if (typeof siteKey !== 'string' || !/^[A-Za-z0-9][\w.:-]{0,63}$/.test(siteKey))
    return 'siteKey: expected letters, digits, . _ : -';
  let base: string | undefined;
  if (endpoint !== undefined) {
    try {
      const url = new URL(String(endpoint), window.location.href);
      if (typeof endpoint === 'string' && /^https?:$/.test(url.protocol)) base = url.href.replace(/\/+$/, '');
    } catch {}
    if (base === undefined) return 'endpoint: expected an http(s) address';
  }
  if (!isObject(config) && base === undefined) return 'give config or endpoint';
  return {
    siteKey,
    endpoint: base,
    config,
    debug: input.debug === true || /[?&]touchpoint_debug=(1|true)(&|$)/.test(window.location.search),
    input,
  };
}

const STORAGES = ['local', 'session', 'memory'];
const isStorageLike = (value: unknown) =>
  isObject(value) && ['getItem', 'setItem', 'removeItem'].every((name) => typeof value[name] === 'function');
/** The `storage` option checked: its value, `'local'` when left out, `undefined` when it is not a storage. */
const storageOf = (value: unknown): StorageOption | undefined =>
  value === undefined
    ? 'local'
    : STORAGES.includes(value as string) || isStorageLike(value)
      ? (value as StorageOption)
      : undefined;

/** `resolveOptions` for delivery alone: the same values, problems left to the runtime to report. */
export function deliveryOptions(loader: LoaderOptions): DeliveryOptions {
  return {
    ...loader,
    storage: storageOf(loader.input.storage) ?? 'local',
    consentRequired: loader.input.consentRequired === true,
    respectPrivacySignals: loader.input.respectPrivacySignals === true,
  };
}

/** Checks the remaining options (in the survey runtime); a bad one is reported and its default used. */
export function resolveOptions(loader: LoaderOptions, problems: string[]): ResolvedOptions {
  const { onEvent, locale, storage, nonce, allowedQueryParams } = loader.input;
  const bad = (message: string) => {
    problems.push(message);
    return undefined;
  };
  const send =
    typeof onEvent === 'function'
      ? (event: WireEvent) => void onEvent(event)
      : isObject(onEvent) && typeof onEvent.send === 'function'
        ? (event: WireEvent) => void (onEvent as unknown as EventSink).send(event)
        : onEvent === undefined
          ? undefined
          : bad('onEvent: expected a function or an object with send(event)');
  const params = allowedQueryParams ?? [];
  return {
    ...loader,
    onEvent: send,
    locale:
      locale === undefined || isLocale(locale)
        ? locale
        : bad('locale: expected a language tag such as en or nl-BE'),
    ...deliveryOptions(loader),
    storage:
      storageOf(storage) ??
      bad(
        "storage: expected 'local', 'session', 'memory' or an object with getItem, setItem and removeItem",
      ) ??
      'local',
    nonce: nonce === undefined || typeof nonce === 'string' ? nonce : bad('nonce: expected text'),
    allowedQueryParams:
      Array.isArray(params) && params.every((p) => typeof p === 'string')
        ? [...params]
        : (bad('allowedQueryParams: expected a list of parameter names') ?? []),
  };
}

/** A fingerprint of the options for "init called twice": functions do not count (React re-creates them). */
export function fingerprint(input: unknown): string {
  try {
    return JSON.stringify(input) ?? '';
  } catch {
    return String(Math.random());
  }
}
