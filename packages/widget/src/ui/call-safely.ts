/**
 * Calls a callback the runtime gave the card. A throw is logged with the `[touchpoint]` prefix and swallowed, so
 * it can neither break the card's flow nor reach the host page as an uncaught error.
 */
export function callSafely(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    console.error('[touchpoint] a survey callback threw:', error);
  }
}
