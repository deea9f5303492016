// Runs the package's TypeScript source without a build: tsx compiles it, and the `@touchpoint/source` export
// condition resolves sibling workspace packages (core) to their source too.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition.js', import.meta.url);
registerTsx();
