/**
 * Untrusted HTML (an e-mail snippet from the server) drawn as an inert preview: parsed by `DOMParser` (which runs
 * nothing and loads nothing), then rebuilt element by element in the target document from a short list of the
 * elements and attributes an e-mail body uses. Everything else is left out — script, style sheets, frames, forms,
 * images, event handler attributes, `javascript:` links — and counted. Inline `style` attributes are applied through
 * the CSSOM (`style.cssText`), which the dashboard's `default-src 'self'` policy allows (markup `style` attributes
 * it blocks, and reports, even in a parsed document), so the preview looks as the e-mail will: before parsing,
 * `style=` in a tag is renamed `data-inert-style=`, read back only as a style. A rename missed (a tag with a `>` in
 * a quoted value before its style) only leaves that element unstyled and reported; it never lets anything run.
 *
 * Links keep their address in `data-href` and as their `title` (shown on hover), not in `href`: the preview shows
 * where each button goes but opening it is left to the e-mail (the target frame runs no script, so nothing in it
 * could stop a click, and a click should not open a customer's personal link from the editor).
 *
 * The target is a frame sandboxed without `allow-scripts`: even a missed case could not run there.
 */

/** The elements an e-mail body's layout uses. */
const ELEMENTS = new Set([
  'a',
  'b',
  'br',
  'center',
  'div',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'hr',
  'i',
  'li',
  'ol',
  'p',
  'small',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]);

/** Layout and accessibility attributes; `href` and `style` are handled on their own. */
const ATTRIBUTES = new Set([
  'align',
  'aria-hidden',
  'aria-label',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
  'colspan',
  'color',
  'dir',
  'height',
  'lang',
  'role',
  'rowspan',
  'title',
  'valign',
  'width',
]);

/** `style=` of a tag, renamed so the parser never applies (nor reports) it. */
const STYLE_ATTRIBUTE = /(<[a-z][^>]*?\s)style=/gi;
const INERT_STYLE = 'data-inert-style';
/** Where a preview's link keeps its address: shown on hover (`title`) and readable, but not a live link. */
export const LINK_ATTRIBUTE = 'data-href';

/** A link the preview keeps: http or https only. */
function safeHref(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export interface InertRender {
  /** Elements and attributes left out of the preview. */
  readonly dropped: number;
}

/** Replaces the children of `into` with the inert copy of `html`'s body. */
export function renderInertHtml(html: string, into: HTMLElement): InertRender {
  const target = into.ownerDocument;
  const parsed = new DOMParser().parseFromString(
    html.replace(STYLE_ATTRIBUTE, `$1${INERT_STYLE}=`),
    'text/html',
  );
  let dropped = 0;

  const copy = (node: Node, parent: Node) => {
    if (node.nodeType === 3) {
      parent.appendChild(target.createTextNode(node.textContent ?? ''));
      return;
    }
    if (node.nodeType !== 1) return;
    const source = node as Element;
    const name = source.localName;
    if (!ELEMENTS.has(name) || source.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      dropped++;
      return;
    }
    const element = target.createElement(name);
    for (const attribute of [...source.attributes]) {
      if (ATTRIBUTES.has(attribute.name)) element.setAttribute(attribute.name, attribute.value);
      else if (attribute.name === INERT_STYLE) element.style.cssText = attribute.value;
      else if (attribute.name === 'href' && name === 'a') {
        // Shown, never followed: a frame without scripts cannot stop a click, so the preview has no live links.
        const href = safeHref(attribute.value);
        if (href === null) dropped++;
        else element.setAttribute(LINK_ATTRIBUTE, href);
      } else if (attribute.name !== 'target') dropped++;
    }
    const link = element.getAttribute(LINK_ATTRIBUTE);
    if (link !== null && !element.hasAttribute('title')) element.setAttribute('title', link);
    for (const child of [...source.childNodes]) copy(child, element);
    parent.appendChild(element);
  };

  into.replaceChildren();
  for (const child of [...parsed.body.childNodes]) copy(child, into);
  return { dropped };
}
