/**
 * The score over time, one point per day or week, with the 95 % interval as a shaded band: a real change moves
 * the band, noise stays inside it. Weeks with fewer than 30 answers are hollow points; periods without answers
 * leave a gap. Focus the chart and use the arrow keys (or move the pointer over it) to read each point; a table
 * with the same numbers sits in a disclosure below.
 */
import type { TrendPoint } from '@touchpoint/core';
import { useState } from 'preact/hooks';
import { useDashboard } from '../dashboard-context';
import type { Measure } from '../model/measure';
import { linearScale, niceDomain, niceTicks } from './linear-scale';

export interface TrendChartProps {
  readonly measure: Measure;
  readonly points: readonly TrendPoint[];
  readonly interval: 'day' | 'week';
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 48;
const RIGHT = 16;
const TOP = 14;
const BOTTOM = 30;

/** Consecutive indexes whose `has` is true. */
function runs(points: readonly TrendPoint[], has: (p: TrendPoint) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (has(p)) current.push(i);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}

export function TrendChart({ measure, points, interval }: TrendChartProps) {
  const { t, format } = useDashboard();
  const [active, setActive] = useState<number | null>(null);
  const period = (p: TrendPoint) =>
    interval === 'week' ? t.weekOf(format.day(p.start)) : format.day(p.start);
  const describe = (p: TrendPoint) =>
    p.score === null
      ? t.trendPointEmpty(period(p))
      : t.trendPoint(
          period(p),
          format.score(measure, p.score),
          format.intervalOrNote(measure, p.ci),
          format.count(p.n),
        );

  const values = points.flatMap((p) =>
    p.score === null ? [] : [p.score, p.ci?.low ?? p.score, p.ci?.high ?? p.score],
  );
  const [low, high] =
    values.length === 0
      ? [measure.domain.min, measure.domain.max]
      : niceDomain(Math.min(...values), Math.max(...values), measure.domain);
  const y = linearScale([low, high], [HEIGHT - BOTTOM, TOP]);
  const x = linearScale([0, Math.max(1, points.length - 1)], [LEFT + 8, WIDTH - RIGHT - 8]);
  const ticks = niceTicks(low, high, 5);
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));

  const band = runs(points, (p) => p.ci !== null).map((run) => {
    const upper = run.map((i) => `${x(i).toFixed(1)},${y(points[i]!.ci!.high).toFixed(1)}`);
    const lower = [...run].reverse().map((i) => `${x(i).toFixed(1)},${y(points[i]!.ci!.low).toFixed(1)}`);
    return `M${upper.join('L')}L${lower.join('L')}Z`;
  });
  const lines = runs(points, (p) => p.score !== null).map(
    (run) => `M${run.map((i) => `${x(i).toFixed(1)},${y(points[i]!.score!).toFixed(1)}`).join('L')}`,
  );

  const move = (event: KeyboardEvent) => {
    if (points.length === 0) return;
    const last = points.length - 1;
    const current = active ?? last;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(last, current + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };
  const point = (event: PointerEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || points.length === 0) return;
    const position = ((event.clientX - box.left) / box.width) * WIDTH;
    const index = Math.round(
      ((position - x(0)) / (x(Math.max(1, points.length - 1)) - x(0))) * Math.max(1, points.length - 1),
    );
    setActive(Math.min(points.length - 1, Math.max(0, index)));
  };

  const shown = active === null ? undefined : points[active];
  const label = t.trendLabel(t.measureShort[measure.key], format.count(points.length));
  return (
    <figure class="chart-figure">
      <svg
        class="chart trend"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        tabindex={0}
        onKeyDown={move}
        onFocus={() => setActive((a) => a ?? (points.length > 0 ? points.length - 1 : null))}
        onPointerMove={point}
      >
        <title>{label}</title>
        {ticks.map((tick) => (
          <g key={tick} class="grid">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 8} y={y(tick) + 4} text-anchor="end">
              {format.bound(measure, tick)}
            </text>
          </g>
        ))}
        {band.map((d) => (
          <path key={d} class="trend-band" d={d} />
        ))}
        {lines.map((d) => (
          <path key={d} class="trend-line" d={d} />
        ))}
        {shown !== undefined && (
          <line class="trend-guide" x1={x(active!)} x2={x(active!)} y1={TOP} y2={HEIGHT - BOTTOM} />
        )}
        {points.map((p, i) =>
          p.score === null ? null : (
            <circle
              key={p.start}
              class={`trend-point${p.smallSample ? ' trend-small' : ''}${i === active ? ' trend-active' : ''}`}
              cx={x(i)}
              cy={y(p.score)}
              r={i === active ? 6 : 4}
            />
          ),
        )}
        {points.map((p, i) =>
          i % labelEvery === 0 || i === points.length - 1 ? (
            <text key={p.start} class="x-label" x={x(i)} y={HEIGHT - 8} text-anchor="middle">
              {format.shortDay(p.start)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>
        <p class="readout" aria-live="polite">
          {shown === undefined ? t.trendPickPoint : describe(shown)}
        </p>
        <p class="hint">{t.trendHint}</p>
      </figcaption>
      <details class="chart-table">
        <summary>{t.showTable}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.colPeriod}</th>
              <th scope="col">{t.colScore}</th>
              <th scope="col">{t.colInterval}</th>
              <th scope="col">{t.colAnswers}</th>
              <th scope="col">{t.colNote}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start}>
                <th scope="row">{period(p)}</th>
                <td>{p.score === null ? '–' : format.score(measure, p.score)}</td>
                <td>{p.ci === null ? '–' : format.interval(measure, p.ci)}</td>
                <td>{format.count(p.n)}</td>
                <td>{p.n > 0 && p.smallSample ? t.fewAnswers : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
