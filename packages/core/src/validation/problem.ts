/**
 * Validation problems in words a product person can act on: where (the path), what was expected and what was
 * received. The schemas stay in zod; this turns zod's issues into sentences.
 */
import type { $ZodIssue } from 'zod/v4/core';

export interface Problem {
  /** Where, e.g. `surveys[0].triggers[1].percent`; `(root)` for the value itself. */
  readonly path: string;
  /** What would have been accepted, e.g. `a number of at most 100`. */
  readonly expected: string;
  /** What was there, e.g. `120`. */
  readonly received: string;
  /** One line with all three: `surveys[0].triggers[1].percent: expected a number of at most 100, received 120`. */
  readonly message: string;
}

type PathKey = PropertyKey;

const DEFAULT_MESSAGE = 'Invalid input';

/** `['surveys', 0, 'id']` → `surveys[0].id`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(input: unknown, path: readonly PathKey[]): { found: boolean; value: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

const MAX_SHOWN = 60;

/** A short, safe rendering of a received value: `"7" (text)`, `7.5`, `null`, `a list of 3 items`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value))
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return value === ''
      ? 'empty text ""'
      : `${JSON.stringify(shown)} (text${value.length > MAX_SHOWN ? `, ${value.length} characters` : ''})`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object of key-value pairs',
  literal: 'a fixed value',
  null: 'null',
  undefined: 'nothing',
};

const FORMAT_WORDS: Record<string, string> = {
  uuid: 'a UUID such as 0b6f1a52-7f3e-4b8e-9a47-3c1d2e5f6a7b',
  datetime: 'a date and time in ISO 8601 with a time zone, such as 2026-11-25T14:30:00Z',
  date: 'a date such as 2026-11-25',
  email: 'an e-mail address',
  url: 'a URL',
};

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;
}

function sizeWords(origin: string, bound: number | bigint, atLeast: boolean, inclusive: boolean): string {
  const relation = atLeast ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  switch (origin) {
    case 'string':
      return `text of ${relation} ${plural(bound, 'character')}`;
    case 'array':
    case 'set':
      return `a list of ${relation} ${plural(bound, 'item')}`;
    default:
      return `a number of ${relation} ${bound}`;
  }
}

function quoteAll(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  if (quoted.length <= 1) return quoted.join('');
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** Levenshtein distance, for "did you mean" hints on misspelt field names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest known key, when it is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * The schema that applies at `path`, found by walking zod's definitions (objects, arrays, records, optionals,
 * defaults, unions picked by their discriminator). Best effort: `undefined` where the walk cannot tell.
 */
export function schemaAt(schema: unknown, path: readonly PathKey[], input: unknown): unknown {
  let current = unwrap(schema);
  for (let depth = 0; depth <= path.length; depth++) {
    current = pickUnionOption(current, valueAt(input, path.slice(0, depth)).value);
    if (depth === path.length) break;
    const key = path[depth]!;
    const def = defOf(current);
    if (def?.type === 'object') current = unwrap((def.shape as Record<PropertyKey, unknown>)[key]);
    else if (def?.type === 'array') current = unwrap(def.element);
    else if (def?.type === 'record') current = unwrap(def.valueType);
    else return undefined;
  }
  return current;
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. */
export function knownKeysAt(schema: unknown, path: readonly PathKey[], input: unknown): string[] | undefined {
  const def = defOf(schemaAt(schema, path, input));
  return def?.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

/** Whether the schema at `path` takes whole numbers only (`z.int()`). */
function isIntegerSchema(schema: unknown): boolean {
  const def = defOf(schema);
  return (
    def?.type === 'number' && (def.format === 'safeint' || def.format === 'int32' || def.format === 'uint32')
  );
}

interface LooseDef {
  type?: string;
  [key: string]: unknown;
}

function defOf(schema: unknown): LooseDef | undefined {
  return (schema as { _zod?: { def?: LooseDef } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def === undefined) return current;
    if (
      ['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch'].includes(
        def.type ?? '',
      )
    ) {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      return current;
    }
  }
  return current;
}

function pickUnionOption(schema: unknown, value: unknown): unknown {
  const def = defOf(schema);
  if (def?.type !== 'union' || !Array.isArray(def.options)) return schema;
  const discriminator = typeof def.discriminator === 'string' ? def.discriminator : undefined;
  const objects = def.options.map(unwrap).filter((option) => defOf(option)?.type === 'object');
  if (discriminator !== undefined && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[discriminator];
    for (const option of objects) {
      const field = defOf(unwrap((defOf(option)!.shape as Record<string, unknown>)[discriminator]));
      if (field?.type === 'literal' && Array.isArray(field.values) && field.values.includes(tag))
        return option;
    }
  }
  return objects.length === 1 ? objects[0] : schema;
}

function expectedFor(issue: $ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'too_big':
      return sizeWords(issue.origin, issue.maximum, false, issue.inclusive !== false);
    case 'too_small':
      return sizeWords(issue.origin, issue.minimum, true, issue.inclusive !== false);
    case 'invalid_value':
      return quoteAll(issue.values);
    case 'invalid_format':
      if (issue.format === 'regex') return `text matching ${(issue as { pattern?: string }).pattern}`;
      return FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options !== undefined) return quoteAll(options);
      const branches = issue.errors
        .map((branch) => branch.find((inner) => inner.path.length === 0))
        .filter((inner): inner is $ZodIssue => inner !== undefined)
        .map(expectedFor);
      return branches.length > 0 ? [...new Set(branches)].join(', or ') : 'one of the allowed shapes';
    }
    case 'invalid_key':
      return 'a valid key';
    case 'invalid_element':
      return 'valid entries';
    case 'custom':
      return issue.message;
    default:
      return 'a valid value';
  }
}

/**
 * Turns zod issues into problems. `schema` (optional) lets unknown-field problems suggest the field that was meant.
 */
export function describeIssues(issues: readonly $ZodIssue[], input: unknown, schema?: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = schema === undefined ? undefined : knownKeysAt(schema, issue.path, input);
      for (const key of issue.keys) {
        const suggestion = known === undefined ? undefined : closest(key, known);
        const path = formatPath([...issue.path, key]);
        const expected =
          suggestion === undefined ? 'no such field' : `no such field (did you mean "${suggestion}"?)`;
        const received = describeValue(valueAt(input, [...issue.path, key]).value);
        problems.push({
          path,
          expected,
          received,
          message: `${path}: unknown field "${key}"${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`,
        });
      }
      continue;
    }
    const path = formatPath(issue.path);
    const { found, value } = valueAt(input, issue.path);
    const received = found ? describeValue(value) : 'nothing (the field is missing)';
    // A message the schema's author wrote (zod's own default is "Invalid input") is the clearest thing to say.
    if (issue.code === 'custom' || (issue.message !== '' && issue.message !== DEFAULT_MESSAGE)) {
      problems.push({
        path,
        expected: issue.message,
        received,
        message: `${path}: ${issue.message}, received ${received}`,
      });
      continue;
    }
    const expected =
      issue.code === 'invalid_type' &&
      issue.expected === 'number' &&
      isIntegerSchema(schemaAt(schema, issue.path, input))
        ? TYPE_WORDS.int!
        : expectedFor(issue);
    problems.push({
      path,
      expected,
      received,
      message: `${path}: expected ${expected}, received ${received}`,
    });
  }
  return problems;
}
