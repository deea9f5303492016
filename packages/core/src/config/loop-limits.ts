/** The bounds and defaults of the config's segment attributes and follow-up bands (no zod: safe for every entry). */

/** Bounds of attribute segments, named once (server README, Limits). */
export const SEGMENT_ATTRIBUTE_LIMITS = {
  /** Attributes named in `segmentAttributes`. */
  attributes: 5,
  /**
   * Distinct values kept per attribute and site; answers with a later, further value count under `(other)`
   * (`OTHER_SEGMENT_VALUE`), so a high-cardinality attribute (an e-mail, an order id) can never grow the rollups.
   */
  valuesPerAttribute: 50,
  /** Characters of a value as a segment; a longer value counts under `(other)`. */
  valueLength: 64,
} as const;

/** The segment value of attribute values past `SEGMENT_ATTRIBUTE_LIMITS`. */
export const OTHER_SEGMENT_VALUE = '(other)';

/** Scores at or below these open a follow-up item; `dropPercent` is the at-risk fall. */
export const FOLLOW_UP_DEFAULTS = { nps: 6, csat: 2, ces7: 3, ces5: 2, dropPercent: 30 } as const;
