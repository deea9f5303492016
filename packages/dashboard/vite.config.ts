import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * Builds the dashboard into `dist/` as plain static files: one HTML page, one script, one stylesheet, with
 * relative asset paths (`base: './'`) so the server can serve the folder at `/` (or under any prefix), and
 * nothing inline, so the page runs under `Content-Security-Policy: default-src 'self'`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Sibling packages resolve to their TypeScript source (core has no build step of its own).
  resolve: { conditions: ['@touchpoint/source', ...defaultClientConditions] },
  // Vite 8 compiles JSX with oxc and ignores esbuild.jsx*. `development: false` keeps a build made under
  // NODE_ENV=test (the test suites, a server's tests) a production build: no jsxDEV, no source file paths.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URIs (a strict CSP refuses them) and add no inline preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
