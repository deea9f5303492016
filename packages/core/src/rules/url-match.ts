/**
 * URL rules: which pages a trigger applies to.
 */
import type { UrlFilter, UrlRule } from '../config/trigger.schema';
import { type Check, check } from './reason';

/** The page path with its query string, without origin and hash: `https://a.b/x?y=1#z` → `/x?y=1`. */
export function pathOf(url: string): string {
  const withoutHash = url.split('#', 1)[0] ?? '';
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(withoutHash);
  const rest = match === null ? withoutHash : withoutHash.slice(match[0].length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

const regexCache = new Map<string, RegExp | null>();

function compile(source: string): RegExp | null {
  let regex = regexCache.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(source);
    } catch {
      regex = null;
    }
    if (regexCache.size < 500) regexCache.set(source, regex);
  }
  return regex;
}

/** `*` matches any run of characters but `/`, `**` any run including `/`, `?` one character; the rest is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '.';
    } else {
      source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether one rule matches a page address (full URL). */
export function matchesUrlRule(rule: UrlRule, url: string): boolean {
  const subject = rule.on === 'url' ? (url.split('#', 1)[0] ?? '') : pathOf(url);
  switch (rule.match) {
    case 'exact':
      return subject === rule.value;
    case 'contains':
      return subject.includes(rule.value);
    case 'startsWith':
      return subject.startsWith(rule.value);
    case 'endsWith':
      return subject.endsWith(rule.value);
    case 'glob':
      return globToRegExp(rule.value).test(subject);
    case 'regex':
      return compile(rule.value)?.test(subject) ?? false;
  }
}

export function describeUrlRule(rule: UrlRule): string {
  return `${rule.on === 'url' ? 'URL' : 'path'} ${rule.match} "${rule.value}"`;
}

/** Whether a page passes a filter, and why (a finding: `explainReason` puts it in words). */
export function checkUrlFilter(filter: UrlFilter | undefined, url: string): Check {
  const path = pathOf(url);
  const match = (rule: UrlRule) => matchesUrlRule(rule, url);
  const excluded = filter?.exclude?.find(match);
  if (excluded !== undefined) return check(false, 'url-excluded', { path, rule: excluded });
  const rules = filter?.include ?? [];
  if (rules.length === 0) return check(true, 'no-url-rules', { path });
  const included = rules.find(match);
  return included === undefined
    ? check(false, 'url-matches-none', { path, rules })
    : check(true, 'url-matches', { path, rule: included });
}
