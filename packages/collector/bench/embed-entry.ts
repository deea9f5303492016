// What the script-tag embed imports from the collector: createCollector with the reference server.
import { createCollector } from '../src/index';

export const start = (endpoint: string, siteKey: string) => createCollector({ endpoint, siteKey });
