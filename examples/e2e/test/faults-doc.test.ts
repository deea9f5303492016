/**
 * docs/faults.md names, for every case of the catalogue, the tests that cover it. This check fails when a case
 * names none, when a named file is gone, or when a named title no longer appears in its file as a string literal
 * (a test title, or the label of a table-driven test's row).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'faults.md'), 'utf8');
const CASES = 79;

interface CaseEntry {
  readonly number: number;
  readonly tests: { file: string; title: string }[];
  readonly bad: string[];
}

function parseCases(doc: string): CaseEntry[] {
  const entries: CaseEntry[] = [];
  let current: CaseEntry | undefined;
  for (const line of doc.split('\n')) {
    const heading = /^\*\*Case (\d+)\./.exec(line);
    if (heading) {
      current = { number: Number(heading[1]), tests: [], bad: [] };
      entries.push(current);
      continue;
    }
    if (line.startsWith('#')) current = undefined;
    if (current === undefined || !line.startsWith('- ')) continue;
    const test = /^- `([^`]+)` — "(.*)"$/.exec(line);
    if (test) current.tests.push({ file: test[1]!, title: test[2]!.replaceAll('\\"', '"') });
    else current.bad.push(line);
  }
  return entries;
}

const cases = parseCases(DOC);
const sources = new Map<string, string | undefined>();
const source = (file: string) => {
  if (!sources.has(file)) {
    const path = join(ROOT, file);
    sources.set(file, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  }
  return sources.get(file);
};

describe('docs/faults.md', () => {
  it('has every case of the catalogue once, in order, 1 to 79', () => {
    expect(cases.map((c) => c.number)).toEqual(Array.from({ length: CASES }, (_, i) => i + 1));
  });

  it('keeps the section marks that code comments cite', () => {
    for (const mark of [
      '§1',
      '§2',
      '§3',
      '§4',
      '§5A',
      '§5B',
      '§5C',
      '§5D',
      '§5E',
      '§5F',
      '§5G',
      '§5H',
      '§5I',
      '§6',
      '§7',
    ]) {
      expect(DOC).toMatch(new RegExp(`^#+ ${mark}\\. `, 'm'));
    }
    // Incidents 1–30, each pointing at the case that carries its test.
    const incidents = [...DOC.matchAll(/^\|\s*(\d+)\s*\|.+\|\s*(\d+(?:, \d+)*)\s*\|$/gm)];
    expect(incidents.map((m) => Number(m[1]))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const m of incidents) {
      for (const n of m[2]!.split(',')) expect(Number(n)).toBeLessThanOrEqual(CASES);
    }
  });

  it.each(cases.map((c) => [c.number, c] as const))('case %i names tests that exist', (_, entry) => {
    expect(entry.bad, 'every line under a case names a test').toEqual([]);
    expect(entry.tests.length, 'a case names at least one test').toBeGreaterThan(0);
    for (const { file, title } of entry.tests) {
      const text = source(file);
      expect(text, `${file} exists`).toBeDefined();
      const quoted = ["'", '"', '`'].some((q) => text!.includes(`${q}${title}${q}`));
      expect(quoted, `${file} has a test or table row titled "${title}"`).toBe(true);
    }
  });
});
