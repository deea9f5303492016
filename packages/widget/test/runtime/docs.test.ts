// @vitest-environment node
/** The README publishes the stub snippet exactly, and the version in the bundle is the package's. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../scripts/build';
import { STUB_SNIPPET } from '../../src/stub-snippet';
import { VERSION } from '../../src/version';

describe('docs', () => {
  it('README.md publishes the stub snippet as embed.js expects it', () => {
    expect(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8')).toContain(STUB_SNIPPET);
  });
  it('VERSION is package.json’s version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
  });
});
