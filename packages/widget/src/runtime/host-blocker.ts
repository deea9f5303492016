/**
 * What on the host page a card must not cover (docs/faults.md case 42, "Host dialogs"): an open modal dialog
 * (`<dialog>` shown with `showModal()`, or a visible `aria-modal="true"` element), or, at the corner a popover
 * takes, an element stacked at or above the card's z-index (a consent banner, the site's own overlay). Undefined
 * when the way is clear. Inline cards take no corner and are never held back.
 */
export function hostBlocker(window: Window, placement: string, zIndex: number): string | undefined {
  if (placement === 'inline') return undefined;
  const { document } = window;
  for (const dialog of document.querySelectorAll('dialog[open],[aria-modal=true]')) {
    if (dialog.getClientRects().length > 0 && (dialog.localName !== 'dialog' || isModal(dialog)))
      return 'a dialog';
  }
  if (placement === 'modal') return undefined;
  // The point 24 px inside the corner the card would sit in, and every element there up to the body.
  let element = document.elementFromPoint?.(
    placement === 'bottom-left' ? 24 : window.innerWidth - 24,
    window.innerHeight - 24,
  );
  for (; element && element !== document.body; element = element.parentElement) {
    const z = Number(window.getComputedStyle(element).zIndex);
    if (z >= zIndex) return `${element.localName} z-index ${z}`;
  }
  return undefined;
}

/** `:modal` where the browser knows it; an open `<dialog>` counts as modal where it does not. */
function isModal(dialog: Element): boolean {
  try {
    return dialog.matches(':modal');
  } catch {
    return true;
  }
}
