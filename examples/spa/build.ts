/**
 * Builds the SPA with Vite for a given Touchpoint server (the end-to-end suite builds it for a server on a free
 * port): the same as `pnpm --filter @touchpoint/example-spa build` with VITE_TOUCHPOINT_ENDPOINT set.
 */
import { fileURLToPath } from 'node:url';

/** This example's folder. */
export const SPA_ROOT = fileURLToPath(new URL('.', import.meta.url));
/** The SPA's survey config, for the server's sites file. */
export const SPA_CONFIG_FILE = fileURLToPath(new URL('./touchpoint.config.json', import.meta.url));
/** The public key the app uses unless built with another. */
export const SPA_PUBLIC_KEY = 'pk_planwise';
/** The app's client-side routes (a static server answers them with index.html). */
export const SPA_ROUTES = [
  '/',
  '/onboarding/1',
  '/onboarding/2',
  '/onboarding/3',
  '/onboarding/done',
  '/projects',
  '/projects/launch-plan',
  '/projects/office-move',
  '/help/sharing',
] as const;

export interface BuildSpaOptions {
  /** Folder to write; emptied first. */
  readonly outDir: string;
  /** Base URL of the Touchpoint server. */
  readonly endpoint: string;
  /** @default SPA_PUBLIC_KEY */
  readonly siteKey?: string;
}

/** Builds the app (Vite, production) into `outDir` and resolves to it. */
export async function buildSpa(options: BuildSpaOptions): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    root: SPA_ROOT,
    logLevel: 'warn',
    mode: 'production',
    define: {
      'import.meta.env.VITE_TOUCHPOINT_ENDPOINT': JSON.stringify(options.endpoint),
      'import.meta.env.VITE_TOUCHPOINT_SITE_KEY': JSON.stringify(options.siteKey ?? SPA_PUBLIC_KEY),
    },
    build: { outDir: options.outDir, emptyOutDir: true },
  });
  return options.outDir;
}
