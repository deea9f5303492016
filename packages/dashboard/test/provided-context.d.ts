import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of a fresh build of the dashboard (test/global-setup.ts). */
    dashboardDist: string;
  }
}
