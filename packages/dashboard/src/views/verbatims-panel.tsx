/**
 * What people wrote after their score, newest first, a page at a time ("Show more" follows the cursor), with a
 * filter by score band. Every verbatim is the visitor's own text: rendered as text, bidi-isolated.
 */
import { BANDS, type Band, type Verbatim } from '@touchpoint/core';
import { useEffect, useState } from 'preact/hooks';
import { isAbort, isUnauthorized, type MetricRef } from '../api/results-client';
import { useDashboard } from '../dashboard-context';
import { type Filters, segmentKey } from '../model/filters';
import { LoadError, Loading } from './load-state';
import { UserText } from './user-text';

export interface VerbatimsPanelProps {
  readonly metricRef: MetricRef;
  readonly filters: Filters;
}

type PageState =
  | { readonly status: 'loading'; readonly items: readonly Verbatim[] }
  | { readonly status: 'ok'; readonly items: readonly Verbatim[]; readonly nextCursor: string | null }
  | { readonly status: 'error'; readonly items: readonly Verbatim[]; readonly error: unknown };

export function VerbatimsPanel({ metricRef, filters }: VerbatimsPanelProps) {
  const { t, format, client } = useDashboard();
  const [band, setBand] = useState<Band | null>(null);
  const [state, setState] = useState<PageState>({ status: 'loading', items: [] });
  const [attempt, setAttempt] = useState(0);
  // What the first page depends on.
  const inputs = JSON.stringify([
    metricRef.touchpoint,
    metricRef.metric,
    metricRef.points,
    filters.from,
    filters.to,
    segmentKey(filters),
    band,
  ]);
  /** The page being shown: its cursor belongs to one set of inputs, and new inputs start again from the newest. */
  const [paging, setPaging] = useState<{ readonly inputs: string; readonly cursor?: string | undefined }>({
    inputs,
  });
  const cursor = paging.inputs === inputs ? paging.cursor : undefined;

  // `inputs` stands for the filters and band it encodes.
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', items: cursor === undefined ? [] : s.items }));
    const query = {
      range: { from: filters.from, to: filters.to },
      touchpoint: metricRef.touchpoint,
      metric: metricRef.metric,
      points: metricRef.points,
      ...(band === null ? {} : { band }),
      ...(filters.locale === undefined ? {} : { locale: filters.locale }),
      ...(filters.device === undefined ? {} : { device: filters.device }),
      ...(filters.path === undefined ? {} : { path: filters.path }),
      ...(filters.channel === undefined ? {} : { channel: filters.channel }),
      ...(filters.attribute === undefined ? {} : { attribute: filters.attribute }),
      ...(cursor === undefined ? {} : { cursor }),
    };
    client.verbatims(query, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          status: 'ok',
          items: cursor === undefined ? page.items : [...s.items, ...page.items],
          nextCursor: page.nextCursor,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error) || isUnauthorized(error)) return;
        setState((s) => ({ status: 'error', items: s.items, error }));
      },
    );
    return () => controller.abort();
  }, [client, inputs, cursor, attempt]);

  return (
    <section class="panel verbatims" aria-labelledby="verbatims-title">
      <div class="panel-head">
        <h2 id="verbatims-title">{t.verbatimsTitle}</h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t.verbatimsFilter}</legend>
          <button type="button" aria-pressed={band === null} onClick={() => setBand(null)}>
            {t.bandAll}
          </button>
          {BANDS[metricRef.metric].map((b) => (
            <button key={b} type="button" aria-pressed={band === b} onClick={() => setBand(b)}>
              {t.bands[b]}
            </button>
          ))}
        </fieldset>
      </div>
      {state.items.length > 0 && (
        <ol class="verbatim-list">
          {state.items.map((item) => (
            <li key={`${item.responseId}-${item.at}`} class={`verbatim band-${item.band}`}>
              <blockquote>
                <UserText text={item.text} />
              </blockquote>
              <p class="verbatim-meta">
                <span class={`band-tag band-${item.band}`}>
                  {t.verbatimScore(bandName(t.band, item.band), format.count(item.score))}
                </span>
                <time dateTime={item.at}>{format.moment(item.at)}</time>
                {item.locale !== undefined && <UserText text={item.locale} />}
                {item.device !== undefined && <span>{t.devices[item.device]}</span>}
                <UserText text={item.path} />
              </p>
              {item.customer !== undefined && (
                <p class="verbatim-customer">
                  <span>{t.customerLabel}</span> <UserText text={item.customer.userId} />
                  {Object.entries(item.customer.attributes).map(([name, value]) => (
                    <span key={name} class="customer-attribute">
                      <UserText text={`${name}: ${String(value)}`} />
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {state.status === 'ok' && state.items.length === 0 && <p class="empty">{t.verbatimsEmpty}</p>}
      {state.items.length > 0 && <p class="muted">{t.verbatimsCount(format.count(state.items.length))}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === 'ok' && state.nextCursor !== null && (
        <button
          type="button"
          class="more"
          onClick={() => setPaging({ inputs, cursor: state.nextCursor ?? undefined })}
        >
          {t.verbatimsMore}
        </button>
      )}
    </section>
  );
}

const bandName = (names: Record<Band, string>, band: string): string =>
  band in names ? names[band as Band] : band;
