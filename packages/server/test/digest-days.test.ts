/** The days a digest rule is owed (`digestDays`): its first day, the days missed, at most the last seven. */
import { describe, expect, it } from 'vitest';
import { DIGEST_CATCH_UP_DAYS, digestDays } from '../src/store/alert-store';

const created = (iso: string) => Date.parse(iso);

describe('digestDays', () => {
  it('owes a new rule the day it was created, however late in that day', () => {
    expect(digestDays(null, created('2026-11-20T23:59:00Z'), '2026-11-20')).toEqual(['2026-11-20']);
  });

  it('owes the day after the last digest up to yesterday', () => {
    expect(digestDays('2026-11-19', created('2026-01-01T00:00:00Z'), '2026-11-20')).toEqual(['2026-11-20']);
    expect(digestDays('2026-11-17', created('2026-01-01T00:00:00Z'), '2026-11-20')).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
  });

  it('owes a rule never queued every day since it was created, across a month end', () => {
    expect(digestDays(null, created('2026-10-30T12:00:00Z'), '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it(`catches up at most the last ${DIGEST_CATCH_UP_DAYS} days`, () => {
    const days = digestDays('2026-10-01', created('2026-01-01T00:00:00Z'), '2026-11-20');
    expect(days).toHaveLength(DIGEST_CATCH_UP_DAYS);
    expect(days[0]).toBe('2026-11-14');
    expect(days.at(-1)).toBe('2026-11-20');
  });

  it('owes nothing when the last digest is yesterday’s', () => {
    expect(digestDays('2026-11-20', created('2026-01-01T00:00:00Z'), '2026-11-20')).toEqual([]);
  });
});
