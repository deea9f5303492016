import { describe, expect, it } from 'vitest';
import * as exported from '../src/index';

const collector: Record<string, unknown> & typeof exported = { ...exported };

const CLASSES = [
  'ConfigError',
  'InvalidEventError',
  'HttpError',
  'NetworkError',
  'TimeoutError',
  'EventRejectedError',
  'EventTooLargeError',
  'DeliveryFailedError',
  'QueueFullError',
  'StorageError',
] as const;

describe('errors', () => {
  it.each(CLASSES)('%s: one base class, a literal name, a guard that works across realms', (name) => {
    const Class = collector[name] as unknown as new (...args: unknown[]) => Error;
    const error = new Class('message', 500, [], [], 'dest');
    const guard = collector[`is${name}`] as (e: unknown) => boolean;
    expect(error).toBeInstanceOf(exported.CollectorError);
    expect(error.name).toBe(name);
    expect(guard(error)).toBe(true);
    expect(exported.isCollectorError(error)).toBe(true);
    // Another copy of the package (or another realm): recognised by name.
    const foreign = Object.assign(new Error('x'), { name });
    expect(guard(foreign)).toBe(true);
    expect(guard(new Error('x'))).toBe(false);
    for (const other of CLASSES.filter((n) => n !== name)) {
      expect((collector[`is${other}`] as (e: unknown) => boolean)(error)).toBe(false);
    }
  });
});
