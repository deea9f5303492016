/**
 * The alert parts a server needs, from its options: the address policy, the DNS lookup, the transport and the
 * delivery worker (started by `startServer`, not by `createApp`).
 */
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import type { Clock } from '../limits';
import type { Store } from '../store/store';
import { type AddressPolicy, addressPolicy } from './address-policy';
import { type AlertDelivery, createAlertDelivery, type DeliveryOptions } from './alert-delivery';
import { type AlertTransport, createHttpTransport, type Lookup } from './alert-transport';

export interface AlertOptions {
  /**
   * Let alerts go to private and loopback addresses (`--allow-private-alert-targets`).
   * @default false
   */
  readonly allowPrivateTargets?: boolean;
  /** Resolves a host name to all its addresses. @default dns.promises.lookup with all: true */
  readonly lookup?: Lookup;
  /** Sends one alert. @default node:http(s) through the guarded lookup */
  readonly transport?: AlertTransport;
  /** @default Math.random */
  readonly random?: () => number;
  /** Overrides of `DEFAULT_DELIVERY`. */
  readonly delivery?: Partial<DeliveryOptions>;
}

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export interface AlertsRuntime {
  readonly permitted: AddressPolicy;
  readonly lookup: Lookup;
  readonly delivery: AlertDelivery;
}

export function createAlertsRuntime(
  options: AlertOptions & {
    readonly store: Store;
    readonly clock: Clock;
    readonly log: (line: string) => void;
  },
): AlertsRuntime {
  const permitted = addressPolicy(options.allowPrivateTargets ?? false);
  const lookup = options.lookup ?? systemLookup;
  const transport = options.transport ?? createHttpTransport({ lookup, permitted });
  const delivery = createAlertDelivery({
    store: options.store,
    transport,
    clock: options.clock,
    random: options.random ?? Math.random,
    worker: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    log: options.log,
    ...(options.delivery === undefined ? {} : { options: options.delivery }),
  });
  return { permitted, lookup, delivery };
}
