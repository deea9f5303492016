/**
 * How many answers each score got, as bars, grouped under their band (detractors / passives / promoters, and
 * so on) with the band's share written out: the labels carry the meaning, the colours only repeat it.
 * A table with the same numbers sits in a disclosure below the chart.
 */
import { type Band, bandOf } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import type { Measure } from '../model/measure';
import { linearScale } from './linear-scale';

export interface DistributionChartProps {
  readonly measure: Measure;
  readonly distribution: readonly { readonly value: number; readonly count: number }[];
  readonly n: number;
}

const GAP = 10;
const TOP = 22;
const PLOT = 150;
const LEFT = 8;

interface BandGroup {
  readonly band: Band;
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

function bandGroups(measure: Measure, distribution: DistributionChartProps['distribution']): BandGroup[] {
  const groups: BandGroup[] = [];
  distribution.forEach((d, i) => {
    const band = bandOf(measure.metric, d.value, measure.points);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.band === band) {
      groups[groups.length - 1] = { ...last, last: i, count: last.count + d.count };
    } else groups.push({ band, first: i, last: i, count: d.count });
  });
  return groups;
}

export function DistributionChart({ measure, distribution, n }: DistributionChartProps) {
  const { t, format } = useDashboard();
  const groups = bandGroups(measure, distribution);
  const maxCount = Math.max(1, ...distribution.map((d) => d.count));
  // Wider bars on short scales, so a one-bar band (CSAT or CES "neutral") still has room for its name.
  const bar = distribution.length > 7 ? 34 : 56;
  const width = LEFT * 2 + distribution.length * (bar + GAP) - GAP;
  const height = TOP + PLOT + 74;
  const y = linearScale([0, maxCount], [TOP + PLOT, TOP]);
  const xOf = (i: number) => LEFT + i * (bar + GAP);
  const share = (count: number) => format.share(n === 0 ? 0 : count / n);
  const summary = groups.map((g) =>
    t.distributionBand(t.bands[g.band], format.count(g.count), share(g.count)),
  );
  const label = t.distributionLabel(t.measureShort[measure.key], format.count(n), `${summary.join('. ')}.`);
  return (
    <figure class="chart-figure">
      <svg
        class="chart distribution"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        tabindex={0}
      >
        <title>{label}</title>
        <line class="axis" x1={LEFT - 4} x2={width - LEFT + 4} y1={TOP + PLOT} y2={TOP + PLOT} />
        {distribution.map((d, i) => {
          const band = bandOf(measure.metric, d.value, measure.points);
          const top = y(d.count);
          return (
            <g key={d.value}>
              <rect
                class={`bar band-${band}`}
                x={xOf(i)}
                y={top}
                width={bar}
                height={Math.max(0, TOP + PLOT - top)}
                rx={3}
              />
              <text class="bar-count" x={xOf(i) + bar / 2} y={top - 6} text-anchor="middle">
                {format.count(d.count)}
              </text>
              <text class="bar-value" x={xOf(i) + bar / 2} y={TOP + PLOT + 18} text-anchor="middle">
                {format.count(d.value)}
              </text>
            </g>
          );
        })}
        {groups.map((g) => {
          const x1 = xOf(g.first);
          const x2 = xOf(g.last) + bar;
          return (
            <g key={g.band} class={`band-label band-${g.band}`}>
              <path class="bracket" d={`M${x1} ${TOP + PLOT + 28}v5H${x2}v-5`} />
              <text x={(x1 + x2) / 2} y={TOP + PLOT + 50} text-anchor="middle">
                {t.bands[g.band]}
              </text>
              <text class="band-share" x={(x1 + x2) / 2} y={TOP + PLOT + 66} text-anchor="middle">
                {share(g.count)}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="chart-table">
        <summary>{t.showTable}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.colScoreGiven}</th>
              <th scope="col">{t.colBand}</th>
              <th scope="col">{t.colAnswers}</th>
              <th scope="col">{t.colShare}</th>
            </tr>
          </thead>
          <tbody>
            {distribution.map((d) => (
              <tr key={d.value}>
                <th scope="row">{format.count(d.value)}</th>
                <td>{t.band[bandOf(measure.metric, d.value, measure.points)]}</td>
                <td>{format.count(d.count)}</td>
                <td>{share(d.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
