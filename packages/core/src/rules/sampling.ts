/**
 * Sticky sampling: a visitor is in or out of a survey's sample for good, decided by a hash of the visitor id and
 * the survey id (never `Math.random()` on each trigger, which re-rolls and ends up showing it to everyone).
 */

/** A deterministic 32-bit hash: FNV-1a over UTF-16 code units. The default `hash` of the display rules. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32), so similar ids spread evenly over the buckets.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The visitor's place in a survey's sample, 0 ≤ bucket < 100; in the sample when bucket < sampleRate. */
export function sampleBucket(hash: (text: string) => number, visitorId: string, surveyId: string): number {
  return ((hash(`${surveyId}:${visitorId}`) >>> 0) / 0x100000000) * 100;
}
