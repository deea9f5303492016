/**
 * URL rules: which pages a trigger applies to.
 */
import type { UrlFilter, UrlRule } from '../config/trigger.schema';
import { type Check, check } from './reason';

/** The page path with its query string, without origin and hash: `https://a.b/x?y=1#z` → `/x?y=1`. */
export function pathOf(url: string): string {
  const withoutHash = url.split('#', 1)[0] ?? '';
  const match = /^[a-z][\w+.-]*:\/\/[^/?#]*/i.exec(withoutHash);
  const rest = match === null ? withoutHash : withoutHash.slice(match[0].length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** `*` matches any run of characters but `/`, `**` any run including `/`, `?` one character; the rest is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/\*\*|[*?\\^$.|+()[\]{}]/g, (token) =>
    token === '**' ? '.*' : token === '*' ? '[^/]*' : token === '?' ? '.' : `\\${token}`,
  );
  return new RegExp(`^${source}$`);
}

/**
 * Whether one rule matches a page address (full URL). A regular expression that does not compile matches nothing
 * (the config schema refuses one; a hand-made config may still carry it). This runs in the script-tag loader, so it
 * stays small: no cache, since a page checks a handful of rules a few times.
 */
export function matchesUrlRule(rule: UrlRule, url: string): boolean {
  return matchesSubject(rule, rule.on === 'url' ? (url.split('#', 1)[0] ?? '') : pathOf(url));
}

/**
 * `matchesUrlRule` given what the rule looks at: the address without its hash (`on: 'url'`) or the path with its
 * query (`on: 'path'`, what `pathOf` gives). The script-tag loader reads both from `location`, so it needs no
 * `pathOf`.
 */
export function matchesSubject(rule: UrlRule, subject: string): boolean {
  const { match, value } = rule;
  if (match === 'exact') return subject === value;
  if (match === 'contains') return subject.includes(value);
  if (match === 'startsWith' || match === 'endsWith') return subject[match](value);
  try {
    return (match === 'glob' ? globToRegExp(value) : new RegExp(value)).test(subject);
  } catch {
    return false;
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
