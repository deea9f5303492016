/**
 * The inline stub a page puts before the script tag: it defines the one global, `touchpoint`, as a function that
 * queues its calls; embed.js replays the queue in order when it arrives. README.md publishes exactly this text
 * (a test keeps them in step).
 */
export const STUB_SNIPPET =
  'window.touchpoint=window.touchpoint||function(){(window.touchpoint.q=window.touchpoint.q||[]).push(arguments)};';
