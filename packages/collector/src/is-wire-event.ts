/**
 * A hand-written guard for core's `EventSchema`, so the browser bundle validates what it reads back from storage
 * without shipping zod (zod/mini alone is ~5.7 kB brotli, half the survey budget). It checks exactly what the
 * schema checks; `test/guards.test.ts` proves it accepts and refuses what `parseEvent` does on a table of cases.
 *
 * Only own keys are read, so a polluted `Object.prototype` can neither add a field nor make one look present.
 */
import { CHANNELS, DEVICES, EVENT_TYPES, LIMITS, MAX_PATH_LENGTH, type WireEvent } from '@touchpoint/core';
import { isRecord, ownValue } from './own-fields';

type Check = (value: unknown) => boolean;
type Shape = Record<string, Check>;

const own = (value: object, key: string) => Object.hasOwn(value, key);

/** An object with these fields; `strict` refuses any other key (zod's `strictObject`). */
const object =
  (required: Shape, optional: Shape = {}, strict = true): Check =>
  (value) =>
    isRecord(value) &&
    Object.keys(required).every((key) => own(value, key) && required[key]!(value[key])) &&
    Object.keys(optional).every((key) => ownValue(value, key) === undefined || optional[key]!(value[key])) &&
    (!strict || Object.keys(value).every((key) => own(required, key) || own(optional, key)));

const text =
  (min: number, max: number, pattern?: RegExp): Check =>
  (value) =>
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    (!pattern || pattern.test(value));

/** A safe integer in [min, max] (zod's `z.int()`). */
const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

const oneOf =
  (values: readonly unknown[]): Check =>
  (value) =>
    values.includes(value);

const list =
  (item: Check, min: number, max: number): Check =>
  (value) =>
    Array.isArray(value) && value.length >= min && value.length <= max && value.every(item);

// The same patterns as core's schemas and zod's `z.uuid()` and `z.iso.datetime({ offset: true })`.
const ID = text(1, LIMITS.idLength, /^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
const UUID = text(
  36,
  36,
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/,
);
/** zod's `z.iso.datetime({ offset: true })`: seconds required, any fraction, `Z` or ±hh:mm, and a real calendar day
 * (the same verdicts as zod's regular expression, which spells the days of each month and the leap years out). */
const DATE_TIME: Check = (value) => {
  const m =
    typeof value === 'string' &&
    /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(
      value,
    );
  if (!m) return false;
  const year = Number(m[1]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = Number(m[3]);
  return (
    day >= 1 && day <= ([31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(m[2]) - 1] ?? 0)
  );
};

const answer = (type: string, value: Check, optional?: Shape): Check =>
  object({ questionId: ID, type: oneOf([type]), value }, optional);

const ANSWER_CHECKS: Record<string, Check> = {
  nps: answer('nps', int(0, 10)),
  ces: (value) =>
    answer('ces', int(1, 7), { points: oneOf([5, 7]) })(value) &&
    // A 5-point CES answer cannot be above 5.
    (ownValue(value as Record<string, unknown>, 'points') !== 5 ||
      (ownValue(value as Record<string, unknown>, 'value') as number) <= 5),
  csat: answer('csat', int(1, 5)),
  text: answer('text', text(0, LIMITS.textAnswerLength)),
};

const ANSWER: Check = (value) =>
  isRecord(value) &&
  typeof value.type === 'string' &&
  own(ANSWER_CHECKS, value.type) &&
  ANSWER_CHECKS[value.type]!(value);

const ATTRIBUTE_KEY = text(1, LIMITS.attributeKeyLength, /^[A-Za-z_][A-Za-z0-9_.-]*$/);
const ATTRIBUTE_VALUE: Check = (value) =>
  typeof value === 'boolean' ||
  Number.isFinite(value) ||
  (typeof value === 'string' && value.length <= LIMITS.attributeValueLength);
const ATTRIBUTES: Check = (value) =>
  isRecord(value) &&
  Object.keys(value).length <= LIMITS.attributes &&
  Object.keys(value).every((key) => ATTRIBUTE_KEY(key) && ATTRIBUTE_VALUE(value[key]));

const BASE: Shape = {
  v: oneOf([1]),
  id: UUID,
  type: oneOf(EVENT_TYPES),
  surveyId: ID,
  touchpoint: ID,
  responseId: UUID,
  at: DATE_TIME,
  context: object(
    { path: text(1, MAX_PATH_LENGTH) },
    {
      locale: text(0, Number.POSITIVE_INFINITY, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
      device: oneOf(DEVICES),
      referrerHost: text(0, 253),
      channel: oneOf(CHANNELS),
    },
  ),
  visitor: object({ id: text(1, 64) }, { userId: text(1, 256), attributes: ATTRIBUTES }),
};
const WITHOUT_ANSWERS = object(BASE);
const WITH_ANSWERS = object({ ...BASE, answers: list(ANSWER, 1, 10) });

/** Whether `value` is a valid wire event (contract v1), exactly as core's `EventSchema` decides. */
export function isWireEvent(value: unknown): value is WireEvent {
  return (
    isRecord(value) &&
    (value.type === 'answered' || value.type === 'completed' ? WITH_ANSWERS : WITHOUT_ANSWERS)(value)
  );
}
