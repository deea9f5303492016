/**
 * Customers at risk (issue 13, point 3): identified customers whose latest answer is in a follow-up band or fell
 * by the site's amount, worst first, each with their answers across touchpoints in time order and open items.
 */
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';
import { UserText } from './user-text';

export function AtRiskPage({
  filters,
}: {
  readonly filters: Filters;
  readonly onOpen: (hash: string) => void;
}) {
  const { t, format, client } = useDashboard();
  const risk = useResource((signal) => client.atRisk(filters, signal), [client, filters]);
  return (
    <section class="at-risk" aria-labelledby="at-risk-title">
      <h1 id="at-risk-title">{t.atRiskTitle}</h1>
      <p class="range-line">{t.atRiskIntro(format.range(filters))}</p>
      {risk.status === 'loading' && <Loading />}
      {risk.status === 'error' && <LoadError error={risk.error} onRetry={risk.reload} />}
      {risk.status === 'ok' &&
        (risk.data.customers.length === 0 ? (
          <p class="empty">{t.atRiskEmpty}</p>
        ) : (
          <ol class="at-risk-list">
            {risk.data.customers.map((customer) => (
              <li key={customer.userId} class="at-risk-customer" data-user={customer.userId}>
                <p class="inbox-head">
                  <strong>
                    <UserText text={customer.userId} />
                  </strong>
                  <span class="badge badge-lowest">
                    {customer.reason === 'band'
                      ? t.atRiskBand
                      : t.atRiskDrop(format.count(customer.dropPercent ?? 0))}
                  </span>
                  {customer.openItems.length > 0 && (
                    <span class="muted">{t.atRiskOpen(format.count(customer.openItems.length))}</span>
                  )}
                </p>
                {Object.keys(customer.attributes).length > 0 && (
                  <p class="muted">
                    {Object.entries(customer.attributes).map(([name, value]) => (
                      <span key={name} class="customer-attribute">
                        <UserText text={`${name}: ${String(value)}`} />
                      </span>
                    ))}
                  </p>
                )}
                <ol class="at-risk-answers">
                  {customer.answers.map((answer) => (
                    <li key={`${answer.responseId}-${answer.at}`} class={`band-${answer.band}`}>
                      <time dateTime={answer.at}>{format.moment(answer.at)}</time>{' '}
                      <UserText text={answer.touchpoint} />{' '}
                      {t.verbatimScore(t.band[answer.band], format.count(answer.score))}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
