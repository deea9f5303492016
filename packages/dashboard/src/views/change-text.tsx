/**
 * A change against the period before, in words: up or down by how much, and whether it is real (significant
 * at 95 %) or could be chance. The arrow repeats the words; it never replaces them.
 */
import type { Comparison } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import type { Measure } from '../model/measure';

export function ChangeText({
  measure,
  change,
}: {
  readonly measure: Measure;
  readonly change: Comparison | null;
}) {
  const { t, format } = useDashboard();
  if (change === null) return <span class="change change-none">{t.changeNone}</span>;
  const size = format.size(measure, change.difference);
  const rounded = format.difference(measure, change.difference);
  const flat = /^[^1-9]*$/.test(rounded);
  const direction = flat ? 'flat' : change.difference > 0 ? 'up' : 'down';
  return (
    <span class={`change change-${direction}${change.significant ? ' change-real' : ''}`}>
      <span class="change-amount">
        <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '= '}</span>
        {direction === 'up' ? t.changeUp(size) : direction === 'down' ? t.changeDown(size) : t.changeFlat}
      </span>
      <span class="change-verdict">{change.significant ? t.changeReal : t.changeChance}</span>
    </span>
  );
}
