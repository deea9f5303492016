/**
 * A Web Storage area in memory, with an optional quota (UTF-16 code units of keys and values, as browsers count)
 * that throws `QuotaExceededError` like a full `localStorage`.
 */
import type { StorageLike } from '../../src/index';

export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  /** Every write, for asserting that nothing was written. */
  writes = 0;

  constructor(public quota = Number.POSITIVE_INFINITY) {}

  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  /** Our queue entries (keys starting with `touchpoint:q:`), parsed. */
  entries(): { key: string; value: Record<string, unknown> }[] {
    return [...this.items]
      .filter(([k]) => k.startsWith('touchpoint:q:'))
      .map(([key, v]) => ({ key, value: JSON.parse(v) as Record<string, unknown> }));
  }
  /** Ids of the events in our queue entries. */
  storedIds(): string[] {
    return this.entries().flatMap(({ value }) =>
      Array.isArray(value.events) ? value.events.map((r: { e: { id: string } }) => r.e.id) : [],
    );
  }
}
