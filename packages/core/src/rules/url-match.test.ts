import { describe, expect, it } from 'vitest';
import type { UrlRule } from '../config/trigger.schema';
import { explainReason } from './explain-reason';
import { checkUrlFilter, globToRegExp, matchesSubject, matchesUrlRule, pathOf } from './url-match';

const rule = (match: UrlRule['match'], value: string, on: UrlRule['on'] = 'path'): UrlRule => ({
  match,
  value,
  on,
});
const URL_ = 'https://shop.example/products/shoes/red?size=42#reviews';

describe('URL rules', () => {
  it('match the path with its query string, never the hash', () => {
    expect(pathOf(URL_)).toBe('/products/shoes/red?size=42');
    expect(pathOf('https://shop.example')).toBe('/');
    expect(pathOf('https://shop.example?x=1')).toBe('/?x=1');
  });

  it.each([
    [rule('exact', '/products/shoes/red?size=42'), true],
    [rule('exact', '/products/shoes/red'), false],
    [rule('contains', 'shoes'), true],
    [rule('contains', 'reviews'), false],
    [rule('startsWith', '/products/'), true],
    [rule('endsWith', 'size=42'), true],
    [rule('glob', '/products/*'), false],
    [rule('glob', '/products/**'), true],
    [rule('glob', '/products/*/red?size=4?'), true],
    [rule('regex', '^/products/[a-z]+/red'), true],
    [rule('regex', '^/checkout'), false],
    [rule('startsWith', 'https://shop.example/products', 'url'), true],
    [rule('exact', 'https://shop.example/products/shoes/red?size=42', 'url'), true],
  ])('%j → %s', (r, expected) => {
    expect(matchesUrlRule(r, URL_)).toBe(expected);
  });

  it("matchesSubject is matchesUrlRule given the path a browser's location holds (pathname + search)", () => {
    // The script-tag loader reads `location.pathname + location.search` instead of running pathOf on the href.
    for (const href of [
      URL_,
      'https://shop.example/',
      'https://shop.example:8443/a%20b/c?x=%2F&y#h',
      'http://u@h/p',
    ]) {
      const { pathname, search } = new URL(href);
      expect(pathOf(href)).toBe(pathname + search);
      for (const r of [rule('startsWith', '/p'), rule('regex', 'x=%2F'), rule('exact', '/')])
        expect(matchesSubject(r, pathname + search)).toBe(matchesUrlRule(r, href));
    }
  });

  it('treats glob metacharacters of regular expressions literally', () => {
    expect(globToRegExp('/a.b/(c)').test('/a.b/(c)')).toBe(true);
    expect(globToRegExp('/a.b').test('/axb')).toBe(false);
  });

  it('excludes win over includes, and say why', () => {
    const filter = { include: [rule('startsWith', '/products')], exclude: [rule('contains', 'red')] };
    const excluded = checkUrlFilter(filter, URL_);
    expect(excluded).toMatchObject({ pass: false, code: 'url-excluded' });
    expect(explainReason(excluded)).toBe(
      'page /products/shoes/red?size=42 is excluded by path contains "red"',
    );
    expect(explainReason(checkUrlFilter({ include: [rule('exact', '/')] }, URL_))).toBe(
      'page /products/shoes/red?size=42 matches none of: path exact "/"',
    );
    expect(checkUrlFilter(undefined, URL_).pass).toBe(true);
  });
});
