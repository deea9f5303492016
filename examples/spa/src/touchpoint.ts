/**
 * Touchpoint in an app bundle: `init()` from @touchpoint/widget with a collector from @touchpoint/collector as
 * its `onEvent`. The survey config comes from the server (`GET {endpoint}/v1/config?site=…`); the widget watches
 * the app's client-side navigation itself (history.pushState, popstate), so the router needs no extra call.
 */
import { createCollector } from '@touchpoint/collector';
import { init, type TouchpointHandle } from '@touchpoint/widget';

/** The Touchpoint server; set VITE_TOUCHPOINT_ENDPOINT when building for another address. */
const endpoint = import.meta.env.VITE_TOUCHPOINT_ENDPOINT ?? 'http://127.0.0.1:8787';
/** The site's public key; set VITE_TOUCHPOINT_SITE_KEY to use another site. */
const siteKey = import.meta.env.VITE_TOUCHPOINT_SITE_KEY ?? 'pk_planwise';

export const touchpoint: TouchpointHandle = init({
  siteKey,
  endpoint,
  onEvent: createCollector({ endpoint, siteKey }),
});
