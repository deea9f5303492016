/**
 * What the widget knows about the page and the browser: locale, device class, referrer host, the context of an
 * event. Read when asked, from the window passed in.
 */
import { contextPath, type Device, type EventContext } from '@touchpoint/core';

/** Core's LocaleSchema pattern: a BCP 47 tag such as `en`, `nl` or `nl-BE`. */
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const isLocale = (tag: unknown): tag is string => typeof tag === 'string' && LOCALE.test(tag);

/**
 * The visitor's locale: the `locale` option, then `<html lang>`, then the config's `defaultLocale` (for pages that
 * give none), then the browser's, then `en`.
 */
export function resolveLocale(window: Window, option: string | undefined, defaultLocale?: string): string {
  const candidates = [option, window.document.documentElement.lang, defaultLocale, window.navigator.language];
  return candidates.find(isLocale) ?? 'en';
}

/**
 * Device class from the user agent, with iPadOS (which reports a Mac) told apart by its touch points:
 * tablets (iPad, Android without "Mobile", "Tablet") → `tablet`; phones → `mobile`; the rest → `desktop`.
 */
export function deviceOf(navigator: Navigator): Device {
  const ua = navigator.userAgent;
  if (/iPad|Tablet|PlayBook|Silk/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1))
    return 'tablet';
  if (/Android/i.test(ua) && !/Mobile/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** Host name of the referrer only, never its path or query; `undefined` when there is none. */
export function referrerHost(document: Document): string | undefined {
  try {
    const host = document.referrer === '' ? '' : new URL(document.referrer).hostname;
    return host === '' ? undefined : host.slice(0, 253);
  } catch {
    return undefined;
  }
}

/** The `context` of a wire event, read now. */
export function eventContext(window: Window, locale: string, allowedParams: readonly string[]): EventContext {
  const host = referrerHost(window.document);
  return {
    path: contextPath(window.location.href, allowedParams),
    locale,
    device: deviceOf(window.navigator),
    ...(host === undefined ? {} : { referrerHost: host }),
  };
}
