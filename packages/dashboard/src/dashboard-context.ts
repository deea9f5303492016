/**
 * What every view needs: the words and number formats of the reader's language, and the results client of the
 * signed-in key.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ResultsClient } from './api/results-client';
import type { Messages } from './i18n/en';
import type { Format } from './i18n/format';
import type { Language } from './i18n/language';

export interface DashboardContextValue {
  readonly language: Language;
  readonly t: Messages;
  readonly format: Format;
  readonly client: ResultsClient;
  /** Today, from the clock the app was given. */
  readonly now: () => Date;
  /** A results page's address with the filters in use (`routing/filter-query.ts`): what a view's links point to. */
  readonly linkTo: (page: string) => string;
}

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (value === null) throw new Error('[touchpoint] dashboard views must render inside <Dashboard>');
  return value;
}
