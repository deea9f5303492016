/**
 * Who the host says the visitor is (`identify`): a user id and attributes for targeting and events. Never stored:
 * the host calls `identify` on each page, so no personal data sits in the browser's storage.
 */
import { type Attributes, LIMITS } from '@touchpoint/core';
import type { Logger } from './logger';

export interface Identity {
  readonly userId?: string;
  readonly attributes: Attributes;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const validValue = (value: unknown) =>
  (typeof value === 'string' && value.length <= LIMITS.attributeValueLength) ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  typeof value === 'boolean';

/**
 * The identity after `identify(userId, attributes)`: a new user id starts with fresh attributes; the same id
 * merges them. Invalid input is reported and left out, never thrown.
 */
export function identify(current: Identity, userId: unknown, attributes: unknown, log: Logger): Identity {
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 256) {
    log.error('identify(userId, attributes): userId must be text of 1–256 characters; ignored.');
    return current;
  }
  const merged: Record<string, Attributes[string]> =
    current.userId === userId ? { ...current.attributes } : {};
  if (attributes !== undefined && attributes !== null) {
    if (typeof attributes !== 'object' || Array.isArray(attributes)) {
      log.error('identify(userId, attributes): attributes must be an object; ignored them.');
    } else {
      const rejected: string[] = [];
      for (const [key, value] of Object.entries(attributes)) {
        if (!KEY.test(key) || key.length > LIMITS.attributeKeyLength || !validValue(value))
          rejected.push(key);
        else if (Object.hasOwn(merged, key) || Object.keys(merged).length < LIMITS.attributes)
          merged[key] = value;
        else rejected.push(key);
      }
      if (rejected.length > 0)
        log.error(
          `identify: left out attribute(s) ${rejected.map((k) => JSON.stringify(k)).join(', ')}: keys are letters, digits, _ . - (at most ${LIMITS.attributeKeyLength}); values are text (at most ${LIMITS.attributeValueLength}), finite numbers or true/false; at most ${LIMITS.attributes} attributes.`,
        );
    }
  }
  return { userId, attributes: merged };
}
