/**
 * Text written by a visitor or by the site's config (verbatims, touchpoint ids, paths, segments): rendered as a
 * text node, never as HTML, and bidi-isolated so right-to-left text or override characters cannot reorder the
 * dashboard's own words around it.
 */
export function UserText({ text }: { readonly text: string }) {
  return <bdi class="user-text">{text}</bdi>;
}
