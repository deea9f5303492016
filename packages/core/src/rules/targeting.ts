/**
 * Targeting checks: who may see a survey. Each returns a verdict in words for the debug view.
 */
import type { Attributes, AttributeValue, Device } from '../config/common.schema';
import type { AttributeCondition, Targeting } from '../config/targeting.schema';

export interface Check {
  readonly pass: boolean;
  readonly message: string;
}

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
  if (conditions === undefined || conditions.length === 0)
    return { pass: true, message: 'no attribute conditions' };
  for (const condition of conditions) {
    const actual = Object.hasOwn(attributes, condition.key) ? attributes[condition.key] : undefined;
    if (!compare(condition, actual)) {
      const wanted = condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`;
      const has = actual === undefined ? 'is not set' : `is ${JSON.stringify(actual)}`;
      return { pass: false, message: `attribute "${condition.key}" ${has}; wanted ${condition.op}${wanted}` };
    }
  }
  return { pass: true, message: `all ${conditions.length} attribute condition(s) hold` };
}

export function checkDevice(devices: readonly Device[] | undefined, device: Device): Check {
  if (devices === undefined) return { pass: true, message: `any device (this is ${device})` };
  return devices.includes(device)
    ? { pass: true, message: `device ${device} is targeted` }
    : { pass: false, message: `device ${device} is not targeted (only ${devices.join(', ')})` };
}

export function checkLocale(locales: readonly string[] | undefined, locale: string): Check {
  if (locales === undefined) return { pass: true, message: `any locale (this is ${locale})` };
  const lower = locale.toLowerCase();
  const match = locales.find((tag) => {
    const t = tag.toLowerCase();
    return lower === t || lower.startsWith(`${t}-`);
  });
  return match !== undefined
    ? { pass: true, message: `locale ${locale} matches ${match}` }
    : { pass: false, message: `locale ${locale} is not targeted (only ${locales.join(', ')})` };
}

export function checkVisitorKind(visitors: Targeting['visitors'], returning: boolean): Check {
  const kind = returning ? 'returning' : 'new';
  if (visitors === 'any') return { pass: true, message: `new and returning visitors (this one is ${kind})` };
  return visitors === kind
    ? { pass: true, message: `${kind} visitors are targeted` }
    : { pass: false, message: `only ${visitors} visitors are targeted; this one is ${kind}` };
}

export function checkSample(sampleRate: number, bucket: number): Check {
  if (sampleRate >= 100) return { pass: true, message: 'every visitor is sampled (100%)' };
  return bucket < sampleRate
    ? { pass: true, message: `visitor is in the ${sampleRate}% sample (bucket ${bucket.toFixed(2)})` }
    : {
        pass: false,
        message: `visitor is outside the ${sampleRate}% sample (bucket ${bucket.toFixed(2)}; sticky)`,
      };
}
