/** Limits named once, so the schemas, the docs and the error messages agree. */
export const LIMITS = {
  /** Length of a survey id, touchpoint id or question id. */
  idLength: 64,
  /** Length of a text shown to a visitor (question, label, thank-you). */
  displayTextLength: 500,
  /** Length of an open-text answer. */
  textAnswerLength: 5000,
  /** Surveys in one config file. */
  surveys: 100,
  /** Triggers per survey. */
  triggers: 20,
  /** URL rules in one include or exclude list. */
  urlRules: 50,
  /** Length of a URL rule, a CSS selector or an event name. */
  patternLength: 512,
  /** Visitor attributes sent with an event or matched by targeting. */
  attributes: 32,
  /** Length of an attribute key. */
  attributeKeyLength: 64,
  /** Length of a string attribute value. */
  attributeValueLength: 256,
} as const;
