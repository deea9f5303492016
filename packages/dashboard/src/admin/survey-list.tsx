/**
 * The surveys of the draft by touchpoint, each with its metric, status and triggers, and the actions on it:
 * edit, duplicate, pause or resume, delete (all in the draft until published).
 */
import type { Problem } from '@touchpoint/core';
import { adminHash } from './admin-pages';
import { isObject, problemsAt } from './config-paths';
import { useEditor } from './editor-context';

type Status = 'live' | 'paused' | 'scheduled' | 'ended' | 'invalid';

export function statusOf(
  survey: Record<string, unknown>,
  problems: readonly Problem[],
  index: number,
  now: number,
): Status {
  if (problemsAt(problems, ['surveys', index]).length > 0) return 'invalid';
  if (survey.enabled === false) return 'paused';
  const schedule = isObject(survey.schedule) ? survey.schedule : {};
  if (typeof schedule.start === 'string' && Date.parse(schedule.start) > now) return 'scheduled';
  if (typeof schedule.end === 'string' && Date.parse(schedule.end) <= now) return 'ended';
  return 'live';
}

/** A survey id not used yet, from `base`. */
export function freeId(surveys: readonly unknown[], base: string): string {
  const used = new Set(surveys.map((s) => (isObject(s) ? s.id : undefined)));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function SurveyList({ onOpen, now }: { onOpen: (hash: string) => void; now: number }) {
  const { t, draft, update, problems } = useEditor();
  const surveys = Array.isArray(draft.surveys) ? (draft.surveys as Record<string, unknown>[]) : [];
  const groups = new Map<string, number[]>();
  surveys.forEach((survey, index) => {
    const touchpoint = String(survey.touchpoint ?? '');
    groups.set(touchpoint, [...(groups.get(touchpoint) ?? []), index]);
  });
  const statusText: Record<Status, string> = {
    live: t.statusLive,
    paused: t.statusPaused,
    scheduled: t.statusScheduled,
    ended: t.statusEnded,
    invalid: t.statusInvalid,
  };
  const triggersOf = (survey: Record<string, unknown>) =>
    (Array.isArray(survey.triggers) ? survey.triggers : [])
      .map((trigger) =>
        isObject(trigger)
          ? (t.triggerTypes[String(trigger.type)] ?? String(trigger.type)) +
            (trigger.name ? ` “${String(trigger.name)}”` : '')
          : '',
      )
      .join('; ');

  const add = () => {
    const id = freeId(surveys, 'new-survey');
    update(
      ['surveys'],
      [
        ...surveys,
        {
          id,
          touchpoint: 'new.touchpoint',
          question: { type: 'nps' },
          triggers: [{ type: 'event', name: 'new.touchpoint' }],
        },
      ],
    );
    onOpen(adminHash({ page: 'survey', index: surveys.length }));
  };

  return (
    <section aria-labelledby="surveys-title">
      <div class="page-head">
        <h1 id="surveys-title">{t.surveysTitle}</h1>
        <button type="button" class="primary" onClick={add}>
          {t.newSurvey}
        </button>
      </div>
      <p class="hint">{t.surveysIntro}</p>
      {surveys.length === 0 && <p>{t.noSurveys}</p>}
      {[...groups].map(([touchpoint, indexes]) => (
        <section class="touchpoint-group" key={touchpoint} aria-labelledby={`tp-${touchpoint}`}>
          <h2 id={`tp-${touchpoint}`}>{t.touchpointHeading(touchpoint)}</h2>
          <table class="surveys">
            <thead>
              <tr>
                <th scope="col">{t.columnSurvey}</th>
                <th scope="col">{t.columnMetric}</th>
                <th scope="col">{t.columnStatus}</th>
                <th scope="col">{t.columnTriggers}</th>
                <th scope="col">{t.columnActions}</th>
              </tr>
            </thead>
            <tbody>
              {indexes.map((index) => {
                const survey = surveys[index]!;
                const id = String(survey.id ?? '');
                const status = statusOf(survey, problems, index, now);
                const question = isObject(survey.question) ? survey.question : {};
                return (
                  <tr key={`${index}-${id}`}>
                    <th scope="row">
                      <a href={adminHash({ page: 'survey', index })}>{id}</a>
                    </th>
                    <td>{String(question.type ?? '').toUpperCase()}</td>
                    <td>
                      <span class={`status status-${status}`}>{statusText[status]}</span>
                    </td>
                    <td>{triggersOf(survey)}</td>
                    <td class="actions">
                      <button
                        type="button"
                        aria-label={t.actionsFor(t.edit, id)}
                        onClick={() => onOpen(adminHash({ page: 'survey', index }))}
                      >
                        {t.edit}
                      </button>
                      <button
                        type="button"
                        aria-label={t.actionsFor(t.duplicate, id)}
                        onClick={() =>
                          update(
                            ['surveys'],
                            [
                              ...surveys,
                              { ...JSON.parse(JSON.stringify(survey)), id: freeId(surveys, `${id}-copy`) },
                            ],
                          )
                        }
                      >
                        {t.duplicate}
                      </button>
                      <button
                        type="button"
                        aria-label={t.actionsFor(survey.enabled === false ? t.resume : t.pause, id)}
                        onClick={() =>
                          update(['surveys', index, 'enabled'], survey.enabled === false ? undefined : false)
                        }
                      >
                        {survey.enabled === false ? t.resume : t.pause}
                      </button>
                      <button
                        type="button"
                        aria-label={t.actionsFor(t.remove, id)}
                        onClick={() => update(['surveys', index], undefined)}
                      >
                        {t.remove}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
