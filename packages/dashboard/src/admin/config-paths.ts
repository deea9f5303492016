/**
 * The editor's draft is the config as JSON (what a publish sends, defaults left out). Fields read and write it by
 * path, immutably, and find their problems by the same path core's validation names them with
 * (`surveys[0].question.text`), so a problem from the API or from the draft's own check lands at its field.
 */
import { formatPath, type Problem } from '@touchpoint/core';

export type Path = readonly (string | number)[];
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number') node = Array.isArray(node) ? node[key] : undefined;
    else node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` replaced; `undefined` removes an object key (the default applies
 * again) and an empty object left behind by that is removed too.
 */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    const next = setAt(list[key], rest, value);
    if (next === undefined) list.splice(key, 1);
    else list[key] = next;
    return list;
  }
  const object: JsonObject = isObject(root) ? { ...root } : {};
  const next = setAt(object[key!], rest, value);
  if (next === undefined || (isObject(next) && Object.keys(next).length === 0 && rest.length > 0)) {
    delete object[key!];
  } else {
    object[key!] = next;
  }
  return object;
}

/** The problems at `path` or inside it. */
export function problemsAt(problems: readonly Problem[], path: Path): Problem[] {
  const at = formatPath([...path]);
  return problems.filter((p) => p.path === at || p.path.startsWith(`${at}.`) || p.path.startsWith(`${at}[`));
}

/** A DOM id for the field at `path`, stable across renders. */
export const fieldId = (path: Path) => `f-${formatPath([...path]).replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** A deep copy of JSON. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
