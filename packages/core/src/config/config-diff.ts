/**
 * What changed between two survey configs, by path, for people: the editor's version history, `touchpoint config
 * diff`. Lists whose items all have an `id` (surveys) are matched by id, so inserting a survey shows as one
 * addition rather than every later survey changed; `$version` (where a file was pulled at) is never a change.
 */

export interface ConfigChange {
  /** e.g. `surveys[nps-checkout].question.text.en` (an id in brackets) or `triggers[0].url` (a position). */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const idOf = (value: unknown) => (isObject(value) && typeof value.id === 'string' ? value.id : undefined);
const keyed = (items: readonly unknown[]) => items.every((item) => idOf(item) !== undefined);

const join = (path: string, key: string) =>
  path === '' ? key : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (same(a, b)) return;
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
      for (const key of keys) {
        if (path === '' && key === '$version') continue;
        const inA = Object.hasOwn(a, key);
        const inB = Object.hasOwn(b, key);
        const at = join(path, key);
        if (inA && inB) walk(a[key], b[key], at);
        else if (inA) changes.push({ path: at, kind: 'removed', before: a[key] });
        else changes.push({ path: at, kind: 'added', after: b[key] });
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (keyed(a) && keyed(b)) {
        const byId = new Map(b.map((item) => [idOf(item)!, item]));
        const old = new Set(a.map((item) => idOf(item)!));
        for (const item of a) {
          const id = idOf(item)!;
          const at = `${path}[${id}]`;
          if (byId.has(id)) walk(item, byId.get(id), at);
          else changes.push({ path: at, kind: 'removed', before: item });
        }
        for (const item of b) {
          const id = idOf(item)!;
          if (!old.has(id)) changes.push({ path: `${path}[${id}]`, kind: 'added', after: item });
        }
        return;
      }
      const length = Math.max(a.length, b.length);
      for (let i = 0; i < length; i++) {
        const at = `${path}[${i}]`;
        if (i >= a.length) changes.push({ path: at, kind: 'added', after: b[i] });
        else if (i >= b.length) changes.push({ path: at, kind: 'removed', before: a[i] });
        else walk(a[i], b[i], at);
      }
      return;
    }
    changes.push({ path: path === '' ? '(root)' : path, kind: 'changed', before: a, after: b });
  };
  walk(before, after, '');
  return changes;
}

/** A value in a change line, shortened to `max` characters. */
export function shortJson(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One change as a line: `~ path: before → after`, `+ path: value` or `- path: value`. */
export function describeChange(change: ConfigChange): string {
  switch (change.kind) {
    case 'added':
      return `+ ${change.path}: ${shortJson(change.after)}`;
    case 'removed':
      return `- ${change.path}: ${shortJson(change.before)}`;
    case 'changed':
      return `~ ${change.path}: ${shortJson(change.before)} → ${shortJson(change.after)}`;
  }
}
