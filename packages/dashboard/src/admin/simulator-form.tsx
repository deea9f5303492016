/**
 * "Would it show?": a page, what happened on it and a visitor (device, language, new or returning, attributes,
 * when they last saw, answered or closed the survey), answered by `POST /v1/admin/simulate` on the draft — the
 * widget's own display rules, with every reason in the words of its debug mode.
 */
import { DEVICES } from '@touchpoint/core';
import { useEffect, useState } from 'preact/hooks';
import type { AdminClient, SimulateAnswer } from './admin-client';
import { AdminApiError } from './admin-client';
import { useEditor } from './editor-context';
import { TRIGGER_TYPES } from './survey-form';

const DAY_MS = 86_400_000;

export function SimulatorForm({ client, surveyId }: { client: AdminClient; surveyId?: string }) {
  const { t, draft } = useEditor();
  const surveys = Array.isArray(draft.surveys) ? (draft.surveys as { id?: unknown }[]) : [];
  const [url, setUrl] = useState('https://shop.example/');
  const [kind, setKind] = useState<string>('event');
  const [event, setEvent] = useState('checkout.completed');
  const [device, setDevice] = useState('desktop');
  const [locale, setLocale] = useState('en');
  const [returning, setReturning] = useState(false);
  const [chosen, setChosen] = useState(surveyId ?? '');
  // On a survey's page the simulator follows that survey (its id may be edited).
  useEffect(() => {
    if (surveyId !== undefined) setChosen(surveyId);
  }, [surveyId]);
  const [shownAgo, setShownAgo] = useState('');
  const [answeredAgo, setAnsweredAgo] = useState('');
  const [dismissedAgo, setDismissedAgo] = useState('');
  const [attributes, setAttributes] = useState('');
  const [answer, setAnswer] = useState<SimulateAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (submit: Event) => {
    submit.preventDefault();
    setProblem(null);
    const now = Date.now();
    const target = chosen || String(surveys[0]?.id ?? '');
    const entries = (ago: string) =>
      ago.trim() === '' || !Number.isFinite(Number(ago))
        ? []
        : [{ surveyId: target, at: now - Number(ago) * DAY_MS }];
    const attrs: Record<string, string | number | boolean> = {};
    for (const line of attributes.split('\n')) {
      const at = line.indexOf('=');
      if (at <= 0) continue;
      const raw = line.slice(at + 1).trim();
      attrs[line.slice(0, at).trim()] =
        raw === 'true' || raw === 'false'
          ? raw === 'true'
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw;
    }
    const occurrence =
      kind === 'event'
        ? event
        : kind === 'scrollDepth'
          ? { type: kind, percent: 100 }
          : kind === 'timeOnPage'
            ? { type: kind, seconds: 3600 }
            : kind === 'click' || kind === 'elementVisible'
              ? { type: kind, selector: event }
              : { type: kind };
    try {
      setAnswer(
        await client.simulate({
          ...(chosen ? { surveyId: chosen } : {}),
          config: draft,
          context: { url, event: occurrence, device, locale, returning, attributes: attrs },
          history: {
            displays: entries(shownAgo),
            answers: entries(answeredAgo),
            dismissals: entries(dismissedAgo),
          },
          now,
        }),
      );
    } catch (error) {
      setAnswer(null);
      setProblem(
        error instanceof AdminApiError && error.problems.length > 0
          ? error.problems.map((p) => p.message).join('\n')
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }
  };

  const input = (id: string, label: string, value: string, set: (v: string) => void, type = 'text') => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type={type as 'text'} value={value} onInput={(e) => set(e.currentTarget.value)} />
    </div>
  );

  return (
    <section class="simulator" aria-labelledby="simulator-title">
      <h2 id="simulator-title">{t.simulatorTitle}</h2>
      <p class="hint">
        {t.simulatorIntro} {t.simUsesDraft}
      </p>
      <form onSubmit={run}>
        {input('sim-url', t.simUrl, url, setUrl)}
        <div class="row">
          <div class="field">
            <label for="sim-kind">{t.simEvent}</label>
            <select id="sim-kind" onChange={(e) => setKind(e.currentTarget.value)}>
              {TRIGGER_TYPES.map((type) => (
                <option key={type} value={type} selected={type === kind}>
                  {t.triggerTypes[type] ?? type}
                </option>
              ))}
            </select>
          </div>
          {(kind === 'event' || kind === 'click' || kind === 'elementVisible') &&
            input('sim-event', kind === 'event' ? t.simEventName : t.fieldSelector, event, setEvent)}
        </div>
        <div class="row">
          <div class="field">
            <label for="sim-survey">{t.simSurvey}</label>
            <select id="sim-survey" onChange={(e) => setChosen(e.currentTarget.value)}>
              <option value="" selected={chosen === ''}>
                {t.simAllSurveys}
              </option>
              {surveys.map((s) => (
                <option key={String(s.id)} value={String(s.id)} selected={chosen === s.id}>
                  {String(s.id)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="sim-device">{t.simDevice}</label>
            <select id="sim-device" onChange={(e) => setDevice(e.currentTarget.value)}>
              {DEVICES.map((d) => (
                <option key={d} value={d} selected={d === device}>
                  {t.deviceNames[d] ?? d}
                </option>
              ))}
            </select>
          </div>
          {input('sim-locale', t.simLocale, locale, setLocale)}
        </div>
        <div class="field field-check">
          <input
            id="sim-returning"
            type="checkbox"
            checked={returning}
            onChange={(e) => setReturning(e.currentTarget.checked)}
          />
          <label for="sim-returning">{t.simReturning}</label>
        </div>
        <div class="row">
          {input('sim-shown', t.simShownAgo, shownAgo, setShownAgo, 'number')}
          {input('sim-answered', t.simAnsweredAgo, answeredAgo, setAnsweredAgo, 'number')}
          {input('sim-dismissed', t.simDismissedAgo, dismissedAgo, setDismissedAgo, 'number')}
        </div>
        <div class="field">
          <label for="sim-attributes">{t.simAttributes}</label>
          <textarea
            id="sim-attributes"
            rows={2}
            value={attributes}
            onInput={(e) => setAttributes(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary">
          {t.simRun}
        </button>
      </form>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {answer !== null && (
        <div class="sim-answer" role="status">
          {answer.surveys.map((s) => (
            <div key={s.surveyId} class={s.show ? 'sim-survey sim-shown' : 'sim-survey sim-hidden'}>
              <h3>
                {s.surveyId}: {s.show ? t.simShown : t.simNotShown}
              </h3>
              <p class="sim-summary">{s.summary}</p>
              <ul class="reasons">
                {s.reasons.map((r) => (
                  <li key={r.rule + r.code + r.text} class={r.pass ? 'pass' : 'fail'}>
                    <span aria-hidden="true">{r.pass ? '✓' : '✗'}</span> {r.rule}: {r.text}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
