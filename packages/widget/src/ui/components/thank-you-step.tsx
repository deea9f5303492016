/**
 * The last step. A status message, so it is announced even when focus is elsewhere; it takes focus (without a
 * ring) only when focus was already inside the card.
 */
export function ThankYouStep({ text }: { text: string }) {
  return (
    <p id="t" class="h f" role="status" tabIndex={-1}>
      {text}
    </p>
  );
}
