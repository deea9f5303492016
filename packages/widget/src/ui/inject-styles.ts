/**
 * The one way the widget puts CSS on a page (docs/faults.md incident 15: every path that injected a `<style>`
 * on its own missed the CSP nonce). Anything that needs styles inside a shadow root calls this.
 *
 * A constructable stylesheet (`adoptedStyleSheets`) is not subject to `style-src`, so it works under a strict CSP
 * without a nonce. Where it is missing (or throws), one `<style>` carrying the page's nonce is the fallback.
 */
export function injectStyles(root: ShadowRoot, css: string, nonce?: string): void {
  const document = root.ownerDocument;
  try {
    // Built from the page's own realm: a sheet from another document cannot be adopted.
    const sheet = new (document.defaultView as typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
}
