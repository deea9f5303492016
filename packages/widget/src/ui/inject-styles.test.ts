import { afterEach, describe, expect, it, vi } from 'vitest';
import { injectStyles } from './inject-styles';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const shadow = () => document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });

describe('injectStyles', () => {
  it('adopts one constructable stylesheet and adds no element', () => {
    const root = shadow();
    injectStyles(root, '.a{color:red}', 'n0nce');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });

  it('falls back to one <style> carrying the nonce when constructable stylesheets fail', () => {
    vi.spyOn(CSSStyleSheet.prototype, 'replaceSync').mockImplementation(() => {
      throw new Error('unsupported');
    });
    const root = shadow();
    injectStyles(root, '.a{color:red}', 'n0nce');
    const styles = root.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    expect([styles[0]!.nonce, styles[0]!.textContent]).toEqual(['n0nce', '.a{color:red}']);
  });
});
