/** The plain-words warning for a score with fewer than 30 answers (core's `smallSample`). */
import { useDashboard } from '../dashboard-context';

export function SmallSampleNote({ n }: { readonly n: number }) {
  const { t, format } = useDashboard();
  return (
    <p class="small-sample">
      <span class="warn-icon" aria-hidden="true">
        !
      </span>
      {t.smallSample(format.count(n))}
    </p>
  );
}
