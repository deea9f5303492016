/**
 * Targeting checks: who may see a survey. Each returns a finding (`reason.ts`); `explainReason` puts it in words.
 */
import type { Attributes, AttributeValue, Device } from '../config/common.schema';
import type { AttributeCondition, Targeting } from '../config/targeting.schema';
import { type Check, check, NONE } from './reason';

function compare(condition: AttributeCondition, actual: AttributeValue | undefined): boolean {
  const { op, value } = condition;
  if (op === 'exists') return actual !== undefined;
  if (op === 'notExists') return actual === undefined;
  if (op === 'notEquals') return actual !== value;
  if (op === 'notIn') return !(Array.isArray(value) && value.includes(actual as AttributeValue));
  if (actual === undefined) return false;
  switch (op) {
    case 'equals':
      return actual === value;
    case 'in':
      return Array.isArray(value) && value.includes(actual);
    case 'contains':
      return typeof actual === 'string' && typeof value === 'string' && actual.includes(value);
    case 'startsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'greaterThan':
      return typeof actual === 'number' && typeof value === 'number' && actual > value;
    case 'atLeast':
      return typeof actual === 'number' && typeof value === 'number' && actual >= value;
    case 'lessThan':
      return typeof actual === 'number' && typeof value === 'number' && actual < value;
    case 'atMost':
      return typeof actual === 'number' && typeof value === 'number' && actual <= value;
  }
}

export function checkAttributes(
  conditions: readonly AttributeCondition[] | undefined,
  attributes: Attributes,
): Check {
  if (conditions === undefined || conditions.length === 0) return check(true, 'no-conditions', NONE);
  for (const condition of conditions) {
    const actual = Object.hasOwn(attributes, condition.key) ? attributes[condition.key] : undefined;
    if (!compare(condition, actual)) return check(false, 'condition-fails', { condition, actual });
  }
  return check(true, 'conditions-hold', { count: conditions.length });
}

export function checkDevice(devices: readonly Device[] | undefined, device: Device): Check {
  if (devices === undefined) return check(true, 'any-device', { device });
  return devices.includes(device)
    ? check(true, 'device-targeted', { device })
    : check(false, 'device-not-targeted', { device, devices });
}

export function checkLocale(locales: readonly string[] | undefined, locale: string): Check {
  if (locales === undefined) return check(true, 'any-locale', { locale });
  const lower = locale.toLowerCase();
  const match = locales.find((tag) => {
    const t = tag.toLowerCase();
    return lower === t || lower.startsWith(`${t}-`);
  });
  return match !== undefined
    ? check(true, 'locale-matches', { locale, match })
    : check(false, 'locale-not-targeted', { locale, locales });
}

export function checkVisitorKind(visitors: Targeting['visitors'], returning: boolean): Check {
  const kind = returning ? 'returning' : 'new';
  if (visitors === 'any') return check(true, 'any-visitor', { kind });
  return visitors === kind
    ? check(true, 'visitor-targeted', { kind })
    : check(false, 'visitor-not-targeted', { kind, visitors });
}

export function checkSample(sampleRate: number, bucket: number): Check {
  if (sampleRate >= 100) return check(true, 'sample-everyone', NONE);
  return check(bucket < sampleRate, bucket < sampleRate ? 'in-sample' : 'out-of-sample', {
    sampleRate,
    bucket,
  });
}
