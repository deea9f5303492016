/**
 * Renders the whole dashboard in happy-dom with everything passed in: the fake results API (core's numbers over
 * core's sample events) as `fetch`, the window's real sessionStorage, a memory navigation, a fixed "today" and a
 * recording file saver. No module is mocked.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { WireEvent } from '@touchpoint/core';
import { Dashboard } from '../src/dashboard';
import { en, type Messages } from '../src/i18n/en';
import { memoryNavigation } from '../src/routing/navigation';
import {
  createFakeResultsApi,
  type FakeResultsApiOptions,
  RESULTS_KEY,
  SAMPLE_TODAY,
  sampleEvents,
} from './fake-results-api';

let cachedEvents: WireEvent[] | undefined;
/** Core's sample events (generated once per test file). */
export const events = (): WireEvent[] => {
  cachedEvents ??= sampleEvents();
  return cachedEvents;
};

export interface RenderOptions {
  /** Browser languages. @default ['en-GB', 'en'] */
  readonly languages?: readonly string[];
  /** Start signed in (the key already in sessionStorage). @default false */
  readonly signedIn?: boolean;
  /** Start on this route. @default '#/' */
  readonly hash?: string;
  /** Events beside core's sample events (e.g. a hostile verbatim). */
  readonly extraEvents?: readonly WireEvent[];
  /** The config's journeys and segment attributes, as the fake API answers them. */
  readonly journeys?: FakeResultsApiOptions['journeys'];
  readonly attributes?: FakeResultsApiOptions['attributes'];
}

export function renderDashboard(options: RenderOptions = {}) {
  const api = createFakeResultsApi({
    events: [...events(), ...(options.extraEvents ?? [])],
    ...(options.journeys === undefined ? {} : { journeys: options.journeys }),
    ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
  });
  const navigation = memoryNavigation(options.hash ?? '#/');
  const saved: { blob: Blob; fileName: string }[] = [];
  if (options.signedIn) sessionStorage.setItem('touchpoint.resultsKey', RESULTS_KEY);
  const view = render(
    <Dashboard
      fetch={api.fetch}
      storage={sessionStorage}
      languages={options.languages ?? ['en-GB', 'en']}
      now={() => SAMPLE_TODAY}
      navigation={navigation}
      saveFile={(blob, fileName) => saved.push({ blob, fileName })}
    />,
  );
  return { ...view, api, navigation, saved };
}

/** Signs in through the form with `key` (default: the accepted key). */
export async function signIn(t: Messages = en, key = RESULTS_KEY): Promise<void> {
  fireEvent.input(screen.getByLabelText(t.signInKeyLabel), { target: { value: key } });
  fireEvent.click(screen.getByRole('button', { name: t.signInSubmit }));
}

/** Waits until the overview table is on screen. */
export async function overviewShown(): Promise<HTMLTableElement> {
  return waitFor(() => {
    const table = document.querySelector<HTMLTableElement>('table.overview-table');
    if (table === null) throw new Error('no overview table yet');
    return table;
  });
}

/** The overview row of a touchpoint's measure. */
export function overviewRow(touchpoint: string, measure = ''): HTMLTableRowElement {
  const selector = `tr[data-touchpoint="${touchpoint}"]${measure === '' ? '' : `[data-measure="${measure}"]`}`;
  const row = document.querySelector<HTMLTableRowElement>(selector);
  if (row === null) throw new Error(`no overview row ${selector}`);
  return row;
}
