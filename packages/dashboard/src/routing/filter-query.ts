/**
 * The results filters in the address, so a filtered view is a link that opens on the same view: the hash's query
 * is the query the results API takes (`filterQuery`), e.g. `#/touchpoint/checkout.completed/nps?from=2026-11-01&
 * to=2026-11-28&device=mobile` or `#/?from=…&to=…&attr.plan=pro`. A link's filters are read as the filter bar would
 * accept them: a range that is not two real days in order gives no filters (the page keeps its own), an unknown
 * device or channel and empty values are left out, and a customer attribute stands alone (the API takes no other
 * segment filter beside it).
 */
import { CHANNELS, type Channel, DEVICES, type Device } from '@touchpoint/core';
import { type Filters, isDay } from '../model/filters';

/** The hash without its query: the page (`#/inbox`), `#/` when there is none. */
export function pathOf(hash: string): string {
  const path = hash.split('?')[0]!;
  return path === '' || path === '#' ? '#/' : path;
}

/** The hash's query, without the `?` (empty when there is none). */
export const queryOf = (hash: string): string => hash.split('?').slice(1).join('?');

/** The filters a link carries, or `undefined` when its query has no usable date range. */
export function filtersFromQuery(query: string): Filters | undefined {
  const params = new URLSearchParams(query);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (!isDay(from) || !isDay(to) || from > to) return undefined;
  for (const [name, value] of params) {
    if (name.startsWith('attr.') && name.length > 5 && value !== '')
      return { from, to, attribute: { name: name.slice(5), value } };
  }
  const device = params.get('device') ?? '';
  const channel = params.get('channel') ?? '';
  const locale = params.get('locale')?.trim() ?? '';
  const path = params.get('path')?.trim() ?? '';
  return {
    from,
    to,
    ...((DEVICES as readonly string[]).includes(device) ? { device: device as Device } : {}),
    ...(locale === '' ? {} : { locale }),
    ...(path === '' ? {} : { path }),
    ...((CHANNELS as readonly string[]).includes(channel) ? { channel: channel as Channel } : {}),
  };
}
