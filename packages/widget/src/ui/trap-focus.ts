/**
 * Keeps Tab and Shift+Tab inside the element that received the keydown (the modal card). Only the modal
 * placement calls it: a card without an overlay never holds focus (docs/faults.md case 50).
 */
export function trapFocus(event: KeyboardEvent): void {
  const container = event.currentTarget as HTMLElement;
  const focusable = [...container.querySelectorAll<HTMLElement>('button,textarea,[tabindex]')].filter(
    (element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled,
  );
  const index = focusable.indexOf(
    (container.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement,
  );
  const last = focusable.length - 1;
  const to = event.shiftKey ? (index <= 0 ? last : -1) : index < 0 || index === last ? 0 : -1;
  if (to < 0) return;
  event.preventDefault();
  focusable[to]?.focus();
}
