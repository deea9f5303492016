/**
 * Reading fields of untrusted values (storage, a server's answer): only own keys, so a polluted `Object.prototype`
 * can neither add a field nor make one look present.
 */

/** `value[key]` if it is an own property, else `undefined`. */
export const ownValue = (value: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(value, key) ? value[key] : undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
