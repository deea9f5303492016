/**
 * For development: prints each batch instead of sending it.
 */
import type { WireEvent } from '@touchpoint/core';
import type { DirectDestination } from './destination';

export interface ConsoleDestinationOptions {
  /** Where to print. @default `console.info` */
  readonly log?: (message: string, events: readonly WireEvent[]) => void;
}

export function consoleDestination(options: ConsoleDestinationOptions = {}): DirectDestination {
  return {
    id: 'console',
    deliver(events) {
      const log = options.log ?? ((message, batch) => console.info(message, batch));
      log(
        `[touchpoint] ${events.length} event${events.length === 1 ? '' : 's'} delivered to the console`,
        events,
      );
    },
  };
}
