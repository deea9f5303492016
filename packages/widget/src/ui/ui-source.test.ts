// @vitest-environment node
/**
 * Build-time guards over the UI's own source (docs/faults.md §7 and cases 40–45): nothing that would break
 * under a strict CSP or Trusted Types, no markup sink for survey text, and a stylesheet that cannot reach or be
 * shrunk by the host page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARD_CSS } from './card-css';

const dir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);

describe('UI source', () => {
  it('is found', () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  it.each([
    ['innerHTML / outerHTML', /\b(inner|outer)HTML\b/],
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['insertAdjacentHTML / document.write', /insertAdjacentHTML|document\.write/],
    [
      'a style attribute string (setAttribute, cssText, style= prop)',
      /setAttribute\(\s*['"]style|cssText|\bstyle=/,
    ],
    ['eval / new Function', /\beval\(|new Function\b/],
    ['an unload listener', /['"]unload['"]/],
    ['@preact/signals-core imported outside survey-state.ts, except effect in mount-survey.ts', null],
  ])('uses no %s', (_, pattern) => {
    for (const [file, text] of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (pattern) {
        expect(code, file).not.toMatch(pattern);
      } else if (/@preact\/signals-core/.test(code)) {
        expect(['survey-state.ts', 'mount-survey.ts'], file).toContain(file);
        if (file === 'mount-survey.ts')
          expect(code).toMatch(/import \{ effect \} from '@preact\/signals-core'/);
      }
    }
  });
});

describe('the card stylesheet', () => {
  it('uses px, never rem or em, so a host html { font-size } cannot shrink it', () => {
    expect(CARD_CSS).not.toMatch(/\d(r?em)\b/);
  });

  it('has no selector or at-rule that means anything outside its shadow root', () => {
    expect(CARD_CSS).not.toMatch(/:root|@property|@font-face|@import|(^|[\s,}])(html|body)[\s,{.:[]/);
    expect(CARD_CSS).toMatch(/^:host\{all:initial!important;display:contents!important\}/);
  });

  it('is one small string', () => {
    expect(CARD_CSS.length).toBeLessThan(4000);
  });
});
