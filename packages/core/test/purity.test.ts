/**
 * Core stays pure: no DOM, no network, no Preact, and the logic entry carries no zod at runtime
 * (the widget's size budget depends on it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers a file imports at runtime: type-only imports are erased by the TypeScript emit. */
function runtimeImports(file: string): string[] {
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  }).outputText;
  return [
    ...output.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g),
  ].map((m) => (m[1] ?? m[2])!);
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  return base.endsWith('.ts') ? base : `${base}.ts`;
}

/** Every package a module pulls in at runtime, through its local imports. */
function runtimePackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) visit(resolveLocal(file, specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('core purity', () => {
  it('imports nothing but zod, and zod only from schema modules', () => {
    for (const file of sourceFiles(src)) {
      for (const specifier of runtimeImports(file).filter((s) => !s.startsWith('.'))) {
        expect(specifier, relative(root, file)).toMatch(/^zod(\/|$)/);
        expect(relative(src, file), `${specifier} outside a schema module`).toMatch(
          /(\.schema\.ts|schema\.ts|parse\.ts|json-schema\.ts)$/,
        );
      }
    }
  });

  it('keeps zod out of the logic entry', () => {
    expect([...runtimePackages(join(src, 'index.ts'))]).toEqual([]);
    expect([...runtimePackages(join(src, 'schema.ts'))]).toEqual(['zod/mini']);
  });

  it('makes window, document and fetch type errors in core source', () => {
    const options = ts.parseJsonConfigFileContent(
      ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config,
      ts.sys,
      root,
    ).options;
    const probe = join(src, '__probe__.ts');
    const host = ts.createCompilerHost(options);
    const original = host.getSourceFile;
    host.getSourceFile = (name, version, ...rest) =>
      name === probe
        ? ts.createSourceFile(
            name,
            'export const a = [window.location, document.title, fetch("/x")];',
            version,
          )
        : original.call(host, name, version, ...rest);
    host.fileExists = (
      (exists) => (name: string) =>
        name === probe || exists(name)
    )(host.fileExists);
    const program = ts.createProgram([probe], options, host);
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Cannot find name 'window'"),
        expect.stringContaining("Cannot find name 'document'"),
        expect.stringContaining("Cannot find name 'fetch'"),
      ]),
    );
  });
});
