/**
 * A tiny parser kit for untrusted JSON in the browser (config from the network, history from storage), so no zod
 * reaches a browser bundle: core's `parseConfig` alone is about 13 kB brotli, more than the whole budget of a
 * survey display. Each parser returns the value with defaults filled in, or `INVALID` after recording why.
 * Outputs are typed, so `const p: Parser<CoreType> = …` makes the compiler check a parser against core's
 * schema types; tests check the verdicts against core's zod schemas on a table of cases.
 */
import type { Problem } from '@touchpoint/core';

export const INVALID: unique symbol = Symbol('invalid');
type Invalid = typeof INVALID;

export interface Parser<T> {
  (value: unknown, path: string, problems: Problem[]): T | Invalid;
  /** Set on parsers whose key may be left out of an object. */
  readonly optional?: true;
}

type Out<P> = P extends Parser<infer T> ? T : never;
type Shape = Record<string, Parser<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOut<S extends Shape> = Flat<
  { -readonly [K in Exclude<keyof S, Optional<S>>]: Out<S[K]> } & {
    -readonly [K in Optional<S>]?: Exclude<Out<S[K]>, undefined>;
  }
>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  if (typeof value === 'string')
    return value.length > 40 ? `text of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined ? 'nothing' : typeof value;
}

/** Records a problem and returns INVALID. */
export function fail(problems: Problem[], path: string, expected: string, value: unknown): Invalid {
  const received = describe(value);
  problems.push({
    path,
    expected,
    received,
    message: `${path || '(root)'}: expected ${expected}, received ${received}`,
  });
  return INVALID;
}

const key = (path: string, name: string | number) =>
  typeof name === 'number' ? `${path}[${name}]` : path === '' ? name : `${path}.${name}`;

export const str =
  (min = 0, max = Number.POSITIVE_INFINITY, pattern?: RegExp, patternText = 'text'): Parser<string> =>
  (value, path, problems) =>
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    (pattern === undefined || pattern.test(value))
      ? value
      : fail(problems, path, `${patternText} of ${min}–${max} characters`, value);

export const num =
  (min: number, max: number, integer = false): Parser<number> =>
  (value, path, problems) =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value))
      ? value
      : fail(problems, path, `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`, value);

export const bool: Parser<boolean> = (value, path, problems) =>
  typeof value === 'boolean' ? value : fail(problems, path, 'true or false', value);

export const oneOf =
  <const T extends readonly (string | number)[]>(values: T): Parser<T[number]> =>
  (value, path, problems) =>
    values.includes(value as never)
      ? (value as T[number])
      : fail(problems, path, `one of ${values.join(', ')}`, value);

/** May be left out (the key is then absent from the output). */
export function opt<T>(parser: Parser<T>): Parser<T | undefined> & { optional: true } {
  const optional: Parser<T | undefined> = (value, path, problems) =>
    value === undefined ? undefined : parser(value, path, problems);
  return Object.assign(optional, { optional: true as const });
}

/** May be left out; `fallback()` is used then (as zod's `_default`, which does not parse its default). */
export const def =
  <T>(parser: Parser<T>, fallback: () => NoInfer<T>): Parser<T> =>
  (value, path, problems) =>
    value === undefined ? fallback() : parser(value, path, problems);

/** An object that may be left out: its defaults then, as parsing `{}` gives them (zod's `_default({…})`). */
export const defaults = <T>(parser: Parser<T>): Parser<T> => def(parser, () => parser({}, '', []) as T);

export const arr =
  <T>(item: Parser<T>, min = 0, max = Number.POSITIVE_INFINITY): Parser<T[]> =>
  (value, path, problems) => {
    if (!Array.isArray(value) || value.length < min || value.length > max)
      return fail(problems, path, `a list of ${min}–${max} items`, value);
    const out: T[] = [];
    let ok = true;
    value.forEach((entry, index) => {
      const parsed = item(entry, key(path, index), problems);
      if (parsed === INVALID) ok = false;
      else out.push(parsed);
    });
    return ok ? out : INVALID;
  };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A strict object: unknown keys are refused, as core's `strictObject` does. */
export const obj =
  <S extends Shape>(shape: S, strict = true): Parser<ObjectOut<S>> =>
  (value, path, problems) => {
    if (!isPlainObject(value)) return fail(problems, path, 'an object', value);
    let ok = true;
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(value)) {
      if (strict && !Object.hasOwn(shape, name)) {
        ok = false;
        fail(problems, key(path, name), 'no such field', value[name]);
      }
    }
    for (const name of Object.keys(shape)) {
      const parsed = shape[name]!(
        Object.hasOwn(value, name) ? value[name] : undefined,
        key(path, name),
        problems,
      );
      if (parsed === INVALID) ok = false;
      else if (parsed !== undefined) out[name] = parsed;
    }
    // The shape's parsers produced exactly the typed fields: this is the one place the kit asserts a type.
    return ok ? (out as ObjectOut<S>) : INVALID;
  };

/** A map with keys checked by `keyOf`; dangerous keys such as `__proto__` never pass an id or locale pattern. */
export const record =
  <T>(
    keyOf: Parser<string>,
    item: Parser<T>,
    min = 0,
    max = Number.POSITIVE_INFINITY,
  ): Parser<Record<string, T>> =>
  (value, path, problems) => {
    if (!isPlainObject(value)) return fail(problems, path, 'an object', value);
    const names = Object.keys(value);
    if (names.length < min || names.length > max)
      return fail(problems, path, `an object with ${min}–${max} keys`, value);
    let ok = true;
    const out: Record<string, T> = {};
    for (const name of names) {
      const at = key(path, name);
      const parsed = keyOf(name, at, problems) === INVALID ? INVALID : item(value[name], at, problems);
      if (parsed === INVALID) ok = false;
      else
        Object.defineProperty(out, name, {
          value: parsed,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return ok ? out : INVALID;
  };

/** One of several strict objects, told apart by their `type`: each shape gets `type` itself. */
export const tagged =
  <M extends Record<string, Shape>>(
    shapes: M,
  ): Parser<{ [K in keyof M & string]: ObjectOut<M[K] & { type: Parser<K> }> }[keyof M & string]> =>
  (value, path, problems) => {
    const kind = isPlainObject(value) ? value.type : undefined;
    if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind))
      return fail(problems, key(path, 'type'), `one of ${Object.keys(shapes).join(', ')}`, kind);
    return obj({ type: oneOf([kind]), ...shapes[kind] })(value, path, problems) as never;
  };

/** The first parser that accepts the value (problems from rejected alternatives are dropped). */
export const either =
  <A, B>(a: Parser<A>, b: Parser<B>, expected: string): Parser<A | B> =>
  (value, path, problems) => {
    for (const parser of [a, b] as const) {
      const scratch: Problem[] = [];
      const parsed = parser(value, path, scratch);
      if (parsed !== INVALID) return parsed;
    }
    return fail(problems, path, expected, value);
  };

/** A check on an already parsed value; `where` is the sub-path the problem points at. */
export const refine =
  <T>(
    parser: Parser<T>,
    check: (value: T) => string | undefined,
    where: (value: T) => string = () => '',
  ): Parser<T> =>
  (value, path, problems) => {
    const parsed = parser(value, path, problems);
    if (parsed === INVALID) return INVALID;
    const message = check(parsed);
    if (message === undefined) return parsed;
    const at = where(parsed);
    const full = at === '' ? path : `${path}${at.startsWith('[') ? '' : '.'}${at}`;
    problems.push({
      path: full,
      expected: message,
      received: describe(value),
      message: `${full}: ${message}`,
    });
    return INVALID;
  };

/** Runs a parser at the root and returns core's `ValidationResult` shape. */
export function run<T>(
  parser: Parser<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = parser(value, '', problems);
  return parsed === INVALID ? { ok: false, problems } : { ok: true, value: parsed };
}
