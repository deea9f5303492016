/**
 * The journey view (issue 13, point 5): a journey of the config drawn left to right, stage after stage, each with
 * its touchpoints' score, 95 % interval, answers and change. A stage is marked weakest only when the API says so
 * (its touchpoint clearly lowest of its measure in the journey: the overview's rule); the mark is words, never
 * colour alone. A picker when the config declares several journeys; an empty state when it declares none.
 */
import type { JourneyResponse, OverviewRow } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import { measureKey, measureOf } from '../model/measure';
import { routeHash } from '../routing/route';
import { useResource } from '../use-resource';
import { ChangeText } from './change-text';
import { LoadError, Loading } from './load-state';
import { ScoreText } from './score-text';
import { SmallSampleNote } from './small-sample-note';
import { UserText } from './user-text';

export interface JourneyPageProps {
  readonly filters: Filters;
  /** The journey in the address; undefined: the config's first. */
  readonly journey: string | undefined;
  readonly onOpen: (hash: string) => void;
}

export function JourneyPage({ filters, journey, onOpen }: JourneyPageProps) {
  const { t, format, client } = useDashboard();
  const data = useResource((signal) => client.journey(filters, journey, signal), [client, filters, journey]);
  return (
    <section class="journey-page" aria-labelledby="journey-title">
      <h1 id="journey-title">{t.journeyTitle}</h1>
      <p class="range-line">{t.journeyIntro(format.range(filters))}</p>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <LoadError error={data.error} onRetry={data.reload} />}
      {data.status === 'ok' && <JourneyBody data={data.data} onOpen={onOpen} />}
    </section>
  );
}

function JourneyBody({
  data,
  onOpen,
}: {
  readonly data: JourneyResponse;
  readonly onOpen: (hash: string) => void;
}) {
  const { t } = useDashboard();
  if (data.journey === null) return <p class="empty">{t.journeyNone}</p>;
  const current = data.journey;
  const weakestStages = new Map<number, string[]>();
  for (const mark of data.weakest) {
    const name = t.measureShort[measureKey(mark.metric, mark.points === 5 ? 5 : 7)];
    weakestStages.set(mark.stage, [...(weakestStages.get(mark.stage) ?? []), name]);
  }
  const weakestTouchpoints = new Set(data.weakest.map((mark) => `${mark.stage}\u0000${mark.touchpoint}`));
  return (
    <>
      {data.journeys.length > 1 && (
        <div class="field journey-picker">
          <label for="journey-pick">{t.journeyPick}</label>
          <select
            id="journey-pick"
            value={current.id}
            onChange={(event) => onOpen(routeHash({ page: 'journey', journey: event.currentTarget.value }))}
          >
            {data.journeys.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <h2 class="journey-name">
        <UserText text={current.name} />
      </h2>
      {/* Wide journeys scroll sideways; the region takes focus so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section class="journey-scroll" aria-label={current.name} tabIndex={0}>
        <ol class="journey-stages">
          {data.stages.map((stage, index) => {
            const weakest = weakestStages.get(index);
            return (
              <li
                key={index}
                class={`journey-stage${weakest === undefined ? '' : ' is-weakest'}`}
                data-stage={stage.name}
              >
                <h3 class="stage-head">
                  <span class="stage-number">{t.journeyStage(String(index + 1))}</span>
                  <UserText text={stage.name} />
                </h3>
                {weakest?.map((name) => (
                  <p key={name} class="badge badge-lowest">
                    {t.journeyWeakest(name)}
                  </p>
                ))}
                {stage.touchpoints.length === 0 ? (
                  <p class="empty">{t.journeyStageEmpty}</p>
                ) : (
                  <ul class="stage-touchpoints">
                    {stage.touchpoints.map((row) => (
                      <JourneyTouchpoint
                        key={`${row.touchpoint}/${row.metric}/${row.scale.max}`}
                        row={row}
                        weakest={weakestTouchpoints.has(`${index}\u0000${row.touchpoint}`)}
                        onOpen={onOpen}
                      />
                    ))}
                  </ul>
                )}
                {index < data.stages.length - 1 && (
                  <span class="stage-arrow" aria-hidden="true">
                    →
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      {data.weakest.length === 0 && <p class="muted">{t.journeyNoWeakest}</p>}
      <p class="how-marked">{t.journeyHowMarked}</p>
    </>
  );
}

function JourneyTouchpoint({
  row,
  weakest,
  onOpen,
}: {
  readonly row: OverviewRow;
  readonly weakest: boolean;
  readonly onOpen: (hash: string) => void;
}) {
  const { t, format, linkTo } = useDashboard();
  const measure = measureOf(row.metric, row.scale);
  const hash = routeHash({
    page: 'touchpoint',
    touchpoint: row.touchpoint,
    metric: row.metric,
    points: measure.points,
  });
  return (
    <li class={`journey-touchpoint${weakest ? ' is-weakest' : ''}`} data-touchpoint={row.touchpoint}>
      <p class="journey-touchpoint-name">
        <a
          href={linkTo(hash)}
          onClick={(event) => {
            event.preventDefault();
            onOpen(hash);
          }}
        >
          <UserText text={row.touchpoint} />
        </a>{' '}
        <span class="muted">{t.measureShort[measure.key]}</span>
      </p>
      <p class="journey-score">
        <ScoreText summary={row} />
      </p>
      <dl class="journey-facts">
        <dt>{t.colInterval}</dt>
        <dd class="interval-text">{format.intervalOrNote(measure, row.ci)}</dd>
        <dt>{t.colAnswers}</dt>
        <dd>{t.journeyAnswers(format.count(row.n))}</dd>
        <dt>{t.journeyChange}</dt>
        <dd>
          <ChangeText measure={measure} change={row.change} />
        </dd>
      </dl>
      {row.n > 0 && row.smallSample && <SmallSampleNote n={row.n} />}
    </li>
  );
}
