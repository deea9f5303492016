import { describe, expect, it } from 'vitest';
import * as exported from '../src/index';

const collector: Record<string, unknown> & typeof exported = { ...exported };
const { COLLECTOR_ERROR_CODES, CollectorError, isCollectorError } = exported;

/** Every code but the catch-all has its own guard. */
const CODES = COLLECTOR_ERROR_CODES.filter((code) => code !== 'CollectorError');

describe('errors', () => {
  it('has the ten codes the README documents, plus the catch-all', () => {
    expect(CODES).toEqual([
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
    ]);
  });

  it.each(CODES)('%s: one class, a literal name, a guard that works across realms', (name) => {
    const error = new CollectorError(name, 'message', [], 'dest', 500);
    const guard = collector[`is${name}`] as (e: unknown) => boolean;
    expect(error).toBeInstanceOf(CollectorError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toBe('message');
    expect(guard(error)).toBe(true);
    expect(isCollectorError(error)).toBe(true);
    // Another copy of the package (or another realm): recognised by name.
    const foreign = Object.assign(new Error('x'), { name });
    expect(guard(foreign)).toBe(true);
    expect(isCollectorError(foreign)).toBe(true);
    expect(guard(new Error('x'))).toBe(false);
    for (const other of CODES.filter((n) => n !== name)) {
      expect((collector[`is${other}`] as (e: unknown) => boolean)(error)).toBe(false);
    }
  });

  it('carries the events, the destination, and for HTTP answers the status and the server’s problems', () => {
    const error = new CollectorError('EventRejectedError', 'refused', [], 'touchpoint x', 422, [
      'events[0].v: expected 1',
    ]);
    expect(exported.isEventRejectedError(error) && [error.status, error.problems, error.destination]).toEqual(
      [422, ['events[0].v: expected 1'], 'touchpoint x'],
    );
    const plain = new CollectorError('CollectorError', 'something broke');
    expect([plain.events, plain.destination, plain.status, plain.problems]).toEqual([
      [],
      undefined,
      undefined,
      [],
    ]);
    expect(isCollectorError(plain)).toBe(true);
    expect(isCollectorError(new Error('x'))).toBe(false);
  });
});
