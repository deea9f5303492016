import { describe, expect, it } from 'vitest';
import { filterQuery } from '../api/results-client';
import type { Filters } from '../model/filters';
import { filtersFromQuery, pathOf, queryOf } from './filter-query';

describe('filters in the address', () => {
  it('round-trips every filter, odd characters included', () => {
    for (const filters of [
      { from: '2025-01-01', to: '2025-01-31' },
      { from: '2025-01-01', to: '2025-01-01', device: 'mobile', locale: 'nl-BE', path: '/a b&c=d#e?f' },
      { from: '2024-02-29', to: '2025-03-01', channel: 'qr' },
      { from: '2025-01-01', to: '2025-01-31', attribute: { name: 'plan', value: 'pro & more=1' } },
    ] satisfies Filters[]) {
      expect(filtersFromQuery(filterQuery(filters))).toEqual(filters);
    }
  });

  it('gives no filters without two real days in order', () => {
    for (const query of [
      '',
      'from=2025-01-01',
      'from=2025-02-30&to=2025-03-01',
      'from=2025-03-02&to=2025-03-01',
      'from=yesterday&to=today',
    ]) {
      expect(filtersFromQuery(query)).toBeUndefined();
    }
  });

  it('leaves out what the filter bar would not accept, and keeps an attribute alone', () => {
    expect(
      filtersFromQuery('from=2025-01-01&to=2025-01-02&device=fridge&channel=fax&locale=%20&path='),
    ).toEqual({
      from: '2025-01-01',
      to: '2025-01-02',
    });
    expect(filtersFromQuery('from=2025-01-01&to=2025-01-02&device=mobile&attr.plan=pro')).toEqual({
      from: '2025-01-01',
      to: '2025-01-02',
      attribute: { name: 'plan', value: 'pro' },
    });
    expect(filtersFromQuery('from=2025-01-01&to=2025-01-02&attr.=x&attr.plan=')).toEqual({
      from: '2025-01-01',
      to: '2025-01-02',
    });
  });

  it('splits a hash into its page and its query', () => {
    expect(pathOf('#/inbox?from=2025-01-01&to=2025-01-02')).toBe('#/inbox');
    expect(queryOf('#/inbox?from=2025-01-01&to=2025-01-02')).toBe('from=2025-01-01&to=2025-01-02');
    expect(pathOf('')).toBe('#/');
    expect(pathOf('#?from=2025-01-01')).toBe('#/');
    expect(queryOf('#/')).toBe('');
  });
});
