import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedUuid } from './time-ordered-uuid';

const bytes = (fill: number) => new Uint8Array(16).fill(fill);

describe('timeOrderedUuid', () => {
  it('makes a version 7 UUID that the wire schema accepts, the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 11, 6, 22, 30);
    const id = timeOrderedUuid(at, bytes(0xff));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(id.slice(14)).toBe('7fff-bfff-ffffffffffff');
  });

  it('sorts ids made later after ids made earlier, whatever their random bits', () => {
    const t = Date.UTC(2026, 0, 1);
    const made = [t + 1, t, t + 60_000, t + 2, t + 86_400_000].map((at, i) => ({
      at,
      id: timeOrderedUuid(at, bytes(255 - i * 40)),
    }));
    const byId = [...made].sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => m.at);
    expect(byId).toEqual([...made].map((m) => m.at).sort((a, b) => a - b));
  });

  it('keeps ids of the same millisecond apart by their random bits', () => {
    const ids = new Set([0, 1, 2, 3].map((fill) => timeOrderedUuid(1_000, bytes(fill))));
    expect(ids.size).toBe(4);
    expect(timeOrderedUuid(1_000, bytes(7))).toBe(timeOrderedUuid(1_000, bytes(7)));
  });

  it('clamps times outside 48 bits instead of making a malformed id', () => {
    expect(timeOrderedUuid(-5, bytes(0))).toBe('00000000-0000-7000-8000-000000000000');
    expect(timeOrderedUuid(Number.NaN, bytes(0))).toBe('00000000-0000-7000-8000-000000000000');
    expect(timeOrderedUuid(2 ** 48 + 1, bytes(0))).toBe('00000000-0001-7000-8000-000000000000');
  });
});
