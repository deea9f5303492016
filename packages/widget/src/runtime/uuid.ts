/**
 * Event ids and response ids: a v4 UUID from `crypto.randomUUID`, or built from `crypto.getRandomValues` where
 * `randomUUID` is missing (insecure contexts and older browsers, docs/faults.md case 34).
 */
export type CryptoLike = Partial<Pick<Crypto, 'randomUUID' | 'getRandomValues'>>;

export function uuid(crypto: CryptoLike | undefined): string {
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(bytes);
  // Without any crypto at all (no known browser), Math.random still gives ids unique enough for one page.
  else for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = '';
  for (const byte of bytes) hex += (byte + 256).toString(16).slice(1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
