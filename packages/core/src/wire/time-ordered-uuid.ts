/**
 * Event ids and response ids as Touchpoint's own clients make them: UUID version 7 (RFC 9562), the creation time in
 * milliseconds in the first 48 bits, then 74 random bits. Any UUID is valid on the wire (a client of its own may
 * send version 4); time-ordered ones are what keeps a server's stores fast: ids made at about the same time sort
 * together, so the indexes keyed by them (the duplicate check by event id, the answers by response id) grow at
 * their end instead of touching a random page of a large index for every event (decision 0006, "ids").
 *
 * `random` is 16 bytes from the caller's random source (only bytes 6–15 are used): time and randomness are passed
 * in, so the same inputs make the same id.
 */
export function timeOrderedUuid(nowMs: number, random: ArrayLike<number>): string {
  // 48 bits of milliseconds: 12 hex digits until the year 10889 (a clock that is not a number counts as 0).
  const ms = Number.isFinite(nowMs) ? Math.max(0, Math.floor(nowMs)) : 0;
  let hex = ms.toString(16).padStart(12, '0').slice(-12);
  for (let i = 6; i < 16; i++) {
    let byte = (random[i] ?? 0) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x70; // version 7
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 9562 variant
    hex += (byte + 256).toString(16).slice(1);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
