import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayCount,
  hasSegmentFilter,
  isDay,
  lastDays,
  previousRange,
  segmentKey,
  segmentOf,
} from './filters';

describe('day ranges', () => {
  it('counts both ends and finds the range of equal length before', () => {
    const range = { from: '2025-02-03', to: '2025-03-02' };
    expect(dayCount(range)).toBe(28);
    expect(previousRange(range)).toEqual({ from: '2025-01-06', to: '2025-02-02' });
    expect(previousRange({ from: '2024-03-01', to: '2024-03-01' })).toEqual({
      from: '2024-02-29',
      to: '2024-02-29',
    });
  });

  it('takes the last n days in UTC, today included', () => {
    expect(lastDays(new Date('2025-03-02T23:30:00Z'), 7)).toEqual({ from: '2025-02-24', to: '2025-03-02' });
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-2-3')).toBe(false);
    expect(isDay('')).toBe(false);
  });
});

describe('segments', () => {
  const range = { from: '2025-02-03', to: '2025-03-02' };
  it('is the filters without the range, keyed the same whatever the order the fields were set in', () => {
    expect(segmentOf({ ...range, channel: 'qr', device: 'mobile' })).toEqual({
      channel: 'qr',
      device: 'mobile',
    });
    expect(segmentKey({ ...range, channel: 'qr', device: 'mobile' })).toBe(
      segmentKey({ device: 'mobile', ...range, channel: 'qr' }),
    );
    expect(segmentKey({ ...range, channel: 'qr' })).not.toBe(segmentKey({ ...range, channel: 'email' }));
  });

  it('knows whether any segment filter is set, the channel included', () => {
    expect(hasSegmentFilter(range)).toBe(false);
    expect(hasSegmentFilter({ ...range, channel: 'link' })).toBe(true);
    expect(hasSegmentFilter({ ...range, path: '/a' })).toBe(true);
  });
});
