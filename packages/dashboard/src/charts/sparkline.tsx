/**
 * The weekly scores of a touchpoint as a small line: the direction at a glance. Weeks without answers leave a
 * gap; weeks with fewer than 30 answers are drawn as hollow points. The words list every week's score.
 */
import type { TrendPoint } from '@touchpoint/core';
import { linearScale } from './linear-scale';

export interface SparklineProps {
  readonly points: readonly TrendPoint[];
  /** What the chart says in words (its accessible name). */
  readonly label: string;
}

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 4;

export function Sparkline({ points, label }: SparklineProps) {
  const scores = points.flatMap((p) => (p.score === null ? [] : [p.score]));
  const low = scores.length === 0 ? 0 : Math.min(...scores);
  const high = scores.length === 0 ? 0 : Math.max(...scores);
  const spread = high - low || 1;
  const y = linearScale([low - spread * 0.1, high + spread * 0.1], [HEIGHT - PAD, PAD]);
  const x = linearScale([0, Math.max(1, points.length - 1)], [PAD, WIDTH - PAD]);
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.score === null) {
      if (run.length > 1) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(p.score).toFixed(1)}`);
  });
  if (run.length > 1) runs.push(run.join(' '));
  return (
    <svg
      class="chart sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
      tabindex={0}
    >
      <title>{label}</title>
      {runs.map((coords) => (
        <polyline key={coords} class="sl-line" points={coords} />
      ))}
      {points.map((p, i) =>
        p.score === null ? null : (
          <circle
            key={p.start}
            class={p.smallSample ? 'sl-point sl-small' : 'sl-point'}
            cx={x(i)}
            cy={y(p.score)}
            r={i === points.length - 1 ? 3 : 2}
          />
        ),
      )}
    </svg>
  );
}
