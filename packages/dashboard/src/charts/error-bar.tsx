/**
 * A score on its measure's full scale with its 95 % interval as a bar: where the touchpoint stands, and how
 * sure we are. The reference tick marks the middle of the scale (NPS 0, CSAT 50 %, CES neutral).
 */
import type { Interval } from '@touchpoint/core';
import type { Measure } from '../model/measure';
import { linearScale } from './linear-scale';

export interface ErrorBarProps {
  readonly measure: Measure;
  readonly score: number | null;
  readonly ci: Interval | null;
  /** What the chart says in words (its accessible name). */
  readonly label: string;
}

const WIDTH = 160;
const HEIGHT = 28;
const PAD = 6;
const MID = 14;

export function ErrorBar({ measure, score, ci, label }: ErrorBarProps) {
  const { min, max } = measure.domain;
  const x = linearScale([min, max], [PAD, WIDTH - PAD]);
  const reference = (min + max) / 2;
  return (
    <svg
      class="chart error-bar"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
      tabindex={0}
    >
      <title>{label}</title>
      <line class="eb-track" x1={x(min)} x2={x(max)} y1={MID} y2={MID} />
      <line class="eb-reference" x1={x(reference)} x2={x(reference)} y1={MID - 7} y2={MID + 7} />
      {ci !== null && (
        <g class="eb-interval">
          <rect x={x(ci.low)} y={MID - 4} width={Math.max(1, x(ci.high) - x(ci.low))} height={8} rx={2} />
          <line x1={x(ci.low)} x2={x(ci.low)} y1={MID - 7} y2={MID + 7} />
          <line x1={x(ci.high)} x2={x(ci.high)} y1={MID - 7} y2={MID + 7} />
        </g>
      )}
      {score !== null && <circle class="eb-score" cx={x(score)} cy={MID} r={4.5} />}
    </svg>
  );
}
