/**
 * Part of `pnpm build` (after the tsc build): copies the built dashboard (`@touchpoint/dashboard`'s `dist/`, a dev
 * dependency built first by `pnpm build`'s topological order) into this package's `dashboard/` folder, which the
 * published package ships and the compiled server serves at `/`. So an install needs neither the private dashboard
 * package nor Vite.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const source = join(
  dirname(createRequire(import.meta.url).resolve('@touchpoint/dashboard/package.json')),
  'dist',
);
const target = resolve('dashboard');
if (!existsSync(join(source, 'index.html'))) {
  console.error(
    `[touchpoint] no built dashboard in ${source}: run npx -y pnpm@10.34.9 --filter @touchpoint/dashboard build first (pnpm build does)`,
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
console.log(`[touchpoint] copied the dashboard into ${target}`);
