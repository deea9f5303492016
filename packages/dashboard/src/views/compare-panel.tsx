/**
 * Period comparison: this range against the range of equal length before it, or two ranges the marketer picks.
 * Says in words which is higher, by how much, the 95 % interval of the difference and whether it is
 * significant at 95 %.
 */
import type { ComparedSide, CompareResponse } from '@touchpoint/core';
import { useState } from 'preact/hooks';
import { useDashboard } from '../dashboard-context';
import { type DayRange, dayCount, isDay, previousRange, segmentKey } from '../model/filters';
import type { Measure } from '../model/measure';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';
import { ScoreText } from './score-text';
import { SmallSampleNote } from './small-sample-note';
import type { PanelProps } from './trend-panel';

type Mode = 'previous' | 'custom';

export function ComparePanel({ metricRef, measure, filters }: PanelProps) {
  const { t, format, client } = useDashboard();
  const [mode, setMode] = useState<Mode>('previous');
  const range: DayRange = { from: filters.from, to: filters.to };
  const [custom, setCustom] = useState<{ a: DayRange; b: DayRange }>(() => ({
    a: range,
    b: previousRange(range),
  }));
  const [draft, setDraft] = useState(custom);
  const [problem, setProblem] = useState<string | null>(null);
  const periods = mode === 'previous' ? { a: range, b: previousRange(range) } : custom;
  const result = useResource(
    (signal) => client.compare(metricRef, periods.a, periods.b, filters, signal),
    [
      client,
      segmentKey(filters),
      metricRef.touchpoint,
      metricRef.metric,
      metricRef.points,
      periods.a.from,
      periods.a.to,
      periods.b.from,
      periods.b.to,
    ],
  );

  const edit = (side: 'a' | 'b', end: 'from' | 'to') => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setDraft((d) => ({ ...d, [side]: { ...d[side], [end]: value } }));
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const all = [draft.a.from, draft.a.to, draft.b.from, draft.b.to];
    if (!all.every(isDay)) return setProblem(t.filterBadDate);
    if (draft.a.from > draft.a.to || draft.b.from > draft.b.to) return setProblem(t.filterBadRange);
    setProblem(null);
    setCustom(draft);
  };

  return (
    <section class="panel compare" aria-labelledby="compare-title">
      <h2 id="compare-title">{t.compareTitle}</h2>
      <fieldset class="compare-mode">
        <legend>{t.compareModeLabel}</legend>
        <label>
          <input
            type="radio"
            name="compare-mode"
            checked={mode === 'previous'}
            onChange={() => setMode('previous')}
          />
          {t.comparePrevious(format.count(dayCount(range)))}
        </label>
        <label>
          <input
            type="radio"
            name="compare-mode"
            checked={mode === 'custom'}
            onChange={() => setMode('custom')}
          />
          {t.compareCustom}
        </label>
      </fieldset>
      {mode === 'custom' && (
        <form class="compare-ranges" onSubmit={submit} noValidate>
          {(['a', 'b'] as const).map((side) => (
            <fieldset key={side}>
              <legend>{side === 'a' ? t.comparePeriodA : t.comparePeriodB}</legend>
              <label>
                <span>{t.filterFrom}</span>
                <input
                  type="date"
                  name={`${side}.from`}
                  value={draft[side].from}
                  onInput={edit(side, 'from')}
                />
              </label>
              <label>
                <span>{t.filterTo}</span>
                <input type="date" name={`${side}.to`} value={draft[side].to} onInput={edit(side, 'to')} />
              </label>
            </fieldset>
          ))}
          <button type="submit" class="primary">
            {t.compareRun}
          </button>
          {problem !== null && (
            <p class="form-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <LoadError error={result.error} onRetry={result.reload} />}
      {result.status === 'ok' && <CompareResult data={result.data} measure={measure} />}
    </section>
  );
}

function CompareResult({ data, measure }: { readonly data: CompareResponse; readonly measure: Measure }) {
  const { t, format } = useDashboard();
  const name = t.measureShort[measure.key];
  const a = format.range(data.a);
  const b = format.range(data.b);
  const c = data.comparison;
  const rounded = c === null ? '' : format.difference(measure, c.difference);
  const flat = c !== null && /^[^1-9]*$/.test(rounded);
  return (
    <div class="compare-result" aria-live="polite">
      <div class="compare-sides">
        <Side label={t.comparePeriodA} side={data.a} measure={measure} />
        <Side label={t.comparePeriodB} side={data.b} measure={measure} />
      </div>
      {c === null ? (
        <p class="verdict">{measure.metric === 'ces' ? t.compareImpossibleCes : t.compareImpossible}</p>
      ) : (
        <div class={c.significant ? 'verdict verdict-real' : 'verdict'}>
          <p class="verdict-sentence">
            {flat
              ? t.compareSame(name, a, b)
              : c.difference > 0
                ? t.compareHigher(name, format.size(measure, c.difference), a, b)
                : t.compareLower(name, format.size(measure, c.difference), a, b)}
            {c.ci !== null &&
              ` ${t.compareInterval(format.signed(measure, c.ci.low), format.signed(measure, c.ci.high), t.units[measure.key])}`}
          </p>
          <p class="verdict-significance">
            <strong>{c.significant ? t.compareSignificant : t.compareNotSignificant}</strong>
          </p>
        </div>
      )}
    </div>
  );
}

interface SideProps {
  readonly label: string;
  readonly side: ComparedSide;
  readonly measure: Measure;
}

function Side({ label, side, measure }: SideProps) {
  const { t, format } = useDashboard();
  return (
    <div class="compare-side">
      <h3>
        {label}: {format.range(side)}
      </h3>
      <ScoreText summary={side} />
      <p class="muted">
        {t.cardInterval}: {format.intervalOrNote(measure, side.ci)}
      </p>
      <p class="muted">
        {t.colAnswers}: {format.count(side.n)}
      </p>
      {side.n > 0 && side.smallSample && <SmallSampleNote n={side.n} />}
    </div>
  );
}
