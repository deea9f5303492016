/**
 * Delivery for the script tag: the loader (widget.ts) starts one event sink per widget, the collector of the
 * `touchpoint-collector.js` chunk, either with the survey runtime (which sends the card's events to it) or alone,
 * on a page that finds events an earlier page could not deliver (`stored-events.ts`): the collector resends them
 * when it starts. The privacy signal is decided before any sink exists: with one honoured none is made, and what an
 * earlier page queued is deleted, never sent. The npm entry has no such chunk: its events go to `onEvent`.
 */
import type { EventSink } from '@touchpoint/core';
import type { Logger } from './logger';
import { type DeliveryOptions, deliveryOptions, type LoaderOptions } from './options';
import { privacySignal } from './privacy-signals';
import { safely } from './safe';
import { storedEvents } from './stored-events';
import type { RuntimeSink } from './survey-runtime';

/** What the loader knows when it starts delivery. */
export interface DeliveryParams {
  readonly options: LoaderOptions;
  readonly window: Window;
  /** Whether the host granted consent (consent mode); `undefined` when it never said. */
  readonly consentGranted: boolean | undefined;
  readonly log: Logger;
}

/** What the collector chunk registers: starts the widget's event sink (or none, see above). Never throws. */
export type StartDelivery = (params: DeliveryParams) => RuntimeSink | undefined;

/** What `createSink` makes: the collector (`close()` returns a promise). */
export interface Sink extends EventSink {
  setConsent(granted: boolean): void;
  close(): unknown;
}

/** Makes the sink from the checked options (the collector chunk's `createSink`). */
export type CreateSink = (options: DeliveryOptions, log: Logger) => Sink | undefined;

export const startDelivery =
  (createSink: CreateSink): StartDelivery =>
  ({ options: loader, window, consentGranted, log }) => {
    // Bad options are reported by the survey runtime when it starts; here their defaults are enough.
    const options = deliveryOptions(loader);
    if (options.respectPrivacySignals && privacySignal(window) !== undefined) {
      storedEvents(window, options, 0, true);
      return undefined;
    }
    const sink = safely(log, 'starting delivery', () => createSink(options, log));
    if (sink === undefined) return undefined;
    if (consentGranted !== undefined) safely(log, 'setConsent', () => sink.setConsent(consentGranted));
    return {
      send: (event) => sink.send(event),
      setConsent: (granted) => sink.setConsent(granted),
      // The loader does not wait for it: whatever goes wrong is reported here, never left unhandled.
      close: () => {
        Promise.resolve()
          .then(() => sink.close())
          .then(undefined, (error) => log.error('closing the event sink failed:', error));
      },
    };
  };
