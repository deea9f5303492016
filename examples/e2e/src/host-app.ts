/**
 * The npm flavour of a host page's script (bundled by esbuild and served as `/app/app.js`): `init()` with a
 * collector, configured from the page's `<meta>` tags, and a custom event tracked when the page names one. Runs
 * in the browser.
 */
import { createCollector } from '@touchpoint/collector';
import { init } from '@touchpoint/widget';

const meta = (name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
const endpoint = meta('touchpoint-endpoint');
const siteKey = meta('touchpoint-site-key');
const touchpoint = init({ siteKey, endpoint, onEvent: createCollector({ endpoint, siteKey }) });
const track = meta('touchpoint-track');
if (track) touchpoint.track(track);
// The host's own code: its "Place order" button tells Touchpoint.
document
  .getElementById('place-order')
  ?.addEventListener('click', () => touchpoint.track('checkout.completed'));
