/**
 * The form of one survey: every field of the config's survey (question and wording per language with the
 * built-in defaults shown, follow-up by band, thank-you, triggers with URL rules and exclusions, delays,
 * targeting with sampling, attributes, devices, locales and new/returning, fatigue and priority, schedule,
 * placement). Each field writes the draft at its path and shows the problems at that path.
 */
import {
  BANDS,
  builtInLocale,
  DEFAULT_WORDING,
  DEVICES,
  defaultQuestionWording,
  type Metric,
} from '@touchpoint/core';
import { ATTRIBUTE_OPERATORS, PLACEMENTS, URL_MATCHES } from '@touchpoint/core/schema';
import { getAt, isObject, type Path } from './config-paths';
import { useEditor } from './editor-context';
import {
  CheckboxField,
  CheckboxGroup,
  ListField,
  LocalizedTextField,
  NumberField,
  SelectField,
  TextField,
} from './fields';

export const TRIGGER_TYPES = [
  'event',
  'pageView',
  'routeChange',
  'click',
  'scrollDepth',
  'timeOnPage',
  'exitIntent',
  'elementVisible',
] as const;

/** The languages a survey's texts are edited in: English, Dutch, the site's default and any the texts use. */
export function languagesOf(draft: Record<string, unknown>, survey: unknown): string[] {
  const found = new Set<string>(['en', 'nl']);
  if (typeof draft.defaultLocale === 'string') found.add(draft.defaultLocale);
  const visit = (node: unknown, key: string) => {
    if (!isObject(node)) return;
    if (['text', 'low', 'high', 'placeholder'].includes(key))
      for (const locale of Object.keys(node)) found.add(locale);
    else for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  visit(survey, '');
  return [...found];
}

function Section({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <section class="form-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function UrlRules({ path, label }: { path: Path; label: string }) {
  const { t } = useEditor();
  return (
    <ListField
      path={path}
      label={label}
      addLabel={t.addRule}
      removeLabel={t.removeRule}
      newItem={() => ({ match: 'glob', value: '/**' })}
      item={(i) => (
        <div class="row">
          <SelectField
            path={[...path, i, 'match']}
            label={t.fieldMatch}
            options={URL_MATCHES.map((m) => ({ value: m, label: t.matchKinds[m] ?? m }))}
          />
          <TextField path={[...path, i, 'value']} label={t.fieldRuleValue} required />
          <SelectField
            path={[...path, i, 'on']}
            label={t.fieldRuleOn}
            defaultLabel={t.ruleOnPath}
            options={[{ value: 'url', label: t.ruleOnUrl }]}
          />
        </div>
      )}
    />
  );
}

function Trigger({ path }: { path: Path }) {
  const { t, draft, update } = useEditor();
  const type = getAt(draft, [...path, 'type']) as string;
  const choose = (next: string | undefined) => {
    if (next === undefined || next === type) return;
    // Keep the URL rules and the delay; give the new kind what it needs.
    const old = getAt(draft, path) as Record<string, unknown>;
    const kept = {
      ...(old.url ? { url: old.url } : {}),
      ...(old.delaySeconds !== undefined ? { delaySeconds: old.delaySeconds } : {}),
    };
    const needs: Record<string, Record<string, unknown>> = {
      event: { name: 'checkout.completed' },
      click: { selector: '#feedback' },
      elementVisible: { selector: '#feedback' },
      scrollDepth: { percent: 60 },
      timeOnPage: { seconds: 30 },
    };
    update(path, { type: next, ...(needs[next] ?? {}), ...kept });
  };
  return (
    <div class="trigger">
      <div class="row">
        <SelectField
          path={[...path, 'type']}
          label={t.fieldTriggerType}
          options={TRIGGER_TYPES.map((v) => ({ value: v, label: t.triggerTypes[v] ?? v }))}
          onChoose={choose}
        />
        {type === 'event' && <TextField path={[...path, 'name']} label={t.fieldEventName} required />}
        {(type === 'click' || type === 'elementVisible') && (
          <TextField path={[...path, 'selector']} label={t.fieldSelector} required />
        )}
        {type === 'scrollDepth' && (
          <NumberField path={[...path, 'percent']} label={t.fieldPercent} min={1} max={100} />
        )}
        {type === 'timeOnPage' && (
          <NumberField path={[...path, 'seconds']} label={t.fieldSeconds} min={1} max={3600} />
        )}
        <NumberField
          path={[...path, 'delaySeconds']}
          label={t.fieldDelay}
          placeholder="0"
          min={0}
          max={3600}
        />
      </div>
      <UrlRules path={[...path, 'url', 'include']} label={t.includeRules} />
      <UrlRules path={[...path, 'url', 'exclude']} label={t.excludeRules} />
    </div>
  );
}

/** Datetime-local (UTC) ↔ the config's ISO time. */
function DateTimeField({ path, label }: { path: Path; label: string }) {
  const { draft, update } = useEditor();
  const value = getAt(draft, path);
  const local =
    typeof value === 'string' && !Number.isNaN(Date.parse(value))
      ? new Date(value).toISOString().slice(0, 16)
      : '';
  const id = `f-${path.join('_')}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={local}
        onInput={(event) => {
          const text = event.currentTarget.value;
          update(path, text === '' ? undefined : `${text}:00Z`);
        }}
      />
    </div>
  );
}

function AttributeCondition({ path }: { path: Path }) {
  const { t, draft, update } = useEditor();
  const op = getAt(draft, [...path, 'op']) as string;
  const value = getAt(draft, [...path, 'value']);
  const shown = Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
  const id = `f-${path.join('_')}-value`;
  const parse = (text: string): unknown => {
    const one = (s: string): string | number | boolean => {
      const trimmed = s.trim();
      if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    };
    if (text.trim() === '') return undefined;
    if (op === 'in' || op === 'notIn') return text.split(',').map(one);
    if (op === 'contains' || op === 'startsWith') return text;
    return one(text);
  };
  return (
    <div class="row">
      <TextField path={[...path, 'key']} label={t.fieldAttrKey} required />
      <SelectField
        path={[...path, 'op']}
        label={t.fieldAttrOp}
        options={ATTRIBUTE_OPERATORS.map((o) => ({ value: o, label: o }))}
      />
      {op !== 'exists' && op !== 'notExists' && (
        <div class="field">
          <label for={id}>{t.fieldAttrValue}</label>
          <input
            id={id}
            type="text"
            value={shown}
            onChange={(event) => update([...path, 'value'], parse(event.currentTarget.value))}
          />
        </div>
      )}
    </div>
  );
}

function LocalesField({ path }: { path: Path }) {
  const { t, draft, update } = useEditor();
  const value = getAt(draft, path);
  const id = 'f-survey-locales';
  return (
    <div class="field">
      <label for={id}>{t.fieldLocales}</label>
      <input
        id={id}
        type="text"
        value={Array.isArray(value) ? value.join(', ') : ''}
        onChange={(event) => {
          const list = event.currentTarget.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          update(path, list.length === 0 ? undefined : list);
        }}
      />
    </div>
  );
}

export function SurveyForm({ index }: { index: number }) {
  const { t, draft, update } = useEditor();
  const base: Path = ['surveys', index];
  const survey = getAt(draft, base) as Record<string, unknown>;
  const metric = (getAt(draft, [...base, 'question', 'type']) as Metric) ?? 'nps';
  const languages = languagesOf(draft, survey);
  const wording = (language: string) => DEFAULT_WORDING[builtInLocale(language)];
  const bands = BANDS[metric];
  const followUpOn = isObject(survey.followUp);

  return (
    <div class="survey-form">
      <Section title={t.sectionBasics}>
        <div class="row">
          <TextField path={[...base, 'id']} label={t.fieldId} hint={t.fieldIdHint} required />
          <TextField
            path={[...base, 'touchpoint']}
            label={t.fieldTouchpoint}
            hint={t.fieldTouchpointHint}
            required
          />
        </div>
        <div class="row">
          <CheckboxField path={[...base, 'enabled']} label={t.fieldEnabled} defaultValue={true} />
          <NumberField
            path={[...base, 'priority']}
            label={t.fieldPriority}
            hint={t.fieldPriorityHint}
            placeholder="0"
            step={1}
          />
        </div>
      </Section>

      <Section title={t.sectionQuestion}>
        <div class="row">
          <SelectField
            path={[...base, 'question', 'type']}
            label={t.fieldMetric}
            options={[
              { value: 'nps', label: t.metricNps },
              { value: 'ces', label: t.metricCes },
              { value: 'csat', label: t.metricCsat },
            ]}
            onChoose={(next) => {
              if (next === undefined || next === metric) return;
              // Only the texts carry over; points and style belong to one metric.
              const question = getAt(draft, [...base, 'question']) as Record<string, unknown>;
              const { text, labels, id } = question;
              update([...base, 'question'], {
                type: next,
                ...(id ? { id } : {}),
                ...(text ? { text } : {}),
                ...(labels ? { labels } : {}),
              });
              update([...base, 'followUp', 'bands'], undefined);
            }}
          />
          {metric === 'ces' && (
            <SelectField
              path={[...base, 'question', 'points']}
              label={t.fieldPoints}
              defaultLabel={t.points7}
              options={[{ value: 5, label: t.points5 }]}
            />
          )}
          {metric === 'csat' && (
            <SelectField
              path={[...base, 'question', 'style']}
              label={t.fieldStyle}
              defaultLabel={t.styleNumbers}
              options={[
                { value: 'faces', label: t.styleFaces },
                { value: 'stars', label: t.styleStars },
              ]}
            />
          )}
        </div>
        <LocalizedTextField
          path={[...base, 'question', 'text']}
          label={t.fieldQuestionText}
          hint={t.builtInHint}
          languages={languages}
          defaults={(l) => defaultQuestionWording(metric, l).text}
        />
        <LocalizedTextField
          path={[...base, 'question', 'labels', 'low']}
          label={t.fieldLow}
          languages={languages}
          defaults={(l) => defaultQuestionWording(metric, l).low}
        />
        <LocalizedTextField
          path={[...base, 'question', 'labels', 'high']}
          label={t.fieldHigh}
          languages={languages}
          defaults={(l) => defaultQuestionWording(metric, l).high}
        />
      </Section>

      <Section title={t.sectionFollowUp}>
        <div class="field field-check">
          <input
            id="f-follow-up-on"
            type="checkbox"
            checked={followUpOn}
            onChange={(event) => update([...base, 'followUp'], event.currentTarget.checked ? {} : undefined)}
          />
          <label for="f-follow-up-on">{t.fieldFollowUpOn}</label>
        </div>
        {followUpOn && (
          <>
            <LocalizedTextField
              path={[...base, 'followUp', 'text']}
              label={t.fieldFollowUpText}
              languages={languages}
              defaults={(l) => wording(l).followUp}
            />
            <LocalizedTextField
              path={[...base, 'followUp', 'placeholder']}
              label={t.fieldPlaceholder}
              languages={languages}
              defaults={() => ''}
            />
            <CheckboxGroup
              path={[...base, 'followUp', 'bands']}
              label={t.fieldBands}
              options={bands.map((b) => ({ value: b, label: b }))}
            />
            <NumberField
              path={[...base, 'followUp', 'maxLength']}
              label={t.fieldMaxLength}
              placeholder="1000"
              min={1}
              max={5000}
              step={1}
            />
          </>
        )}
      </Section>

      <Section title={t.sectionThankYou}>
        <LocalizedTextField
          path={[...base, 'thankYou', 'text']}
          label={t.fieldThankYou}
          languages={languages}
          defaults={(l) => wording(l).thankYou}
        />
        <NumberField
          path={[...base, 'thankYou', 'autoCloseMs']}
          label={t.fieldAutoClose}
          placeholder="3000"
          min={0}
          max={60000}
          step={100}
        />
      </Section>

      <Section title={t.sectionTriggers}>
        <ListField
          path={[...base, 'triggers']}
          label={t.triggersLabel}
          addLabel={t.addTrigger}
          removeLabel={t.removeTrigger}
          newItem={() => ({ type: 'pageView' })}
          item={(i) => <Trigger path={[...base, 'triggers', i]} />}
        />
      </Section>

      <Section title={t.sectionTargeting}>
        <div class="row">
          <NumberField
            path={[...base, 'targeting', 'sampleRate']}
            label={t.fieldSampleRate}
            placeholder="100"
            min={0}
            max={100}
          />
          <SelectField
            path={[...base, 'targeting', 'visitors']}
            label={t.fieldVisitors}
            defaultLabel={t.visitorsAny}
            options={[
              { value: 'new', label: t.visitorsNew },
              { value: 'returning', label: t.visitorsReturning },
            ]}
          />
        </div>
        <CheckboxGroup
          path={[...base, 'targeting', 'devices']}
          label={t.fieldDevices}
          options={DEVICES.map((d) => ({ value: d, label: t.deviceNames[d] ?? d }))}
        />
        <LocalesField path={[...base, 'targeting', 'locales']} />
        <ListField
          path={[...base, 'targeting', 'attributes']}
          label={t.attributesLabel}
          addLabel={t.addCondition}
          removeLabel={t.removeCondition}
          newItem={() => ({ key: 'plan', op: 'equals', value: 'pro' })}
          item={(i) => <AttributeCondition path={[...base, 'targeting', 'attributes', i]} />}
        />
      </Section>

      <Section title={t.sectionFatigue}>
        <div class="row">
          <NumberField
            path={[...base, 'fatigue', 'recontactDays']}
            label={t.fieldRecontact}
            placeholder="90"
            min={0}
            max={3650}
          />
          <NumberField
            path={[...base, 'fatigue', 'maxDisplays']}
            label={t.fieldMaxDisplays}
            min={1}
            max={1000}
            step={1}
          />
        </div>
        <CheckboxField
          path={[...base, 'fatigue', 'untilAnswered']}
          label={t.fieldUntilAnswered}
          defaultValue={false}
        />
      </Section>

      <Section title={t.sectionSchedule}>
        <div class="row">
          <DateTimeField path={[...base, 'schedule', 'start']} label={t.fieldStart} />
          <DateTimeField path={[...base, 'schedule', 'end']} label={t.fieldEnd} />
        </div>
      </Section>

      <Section title={t.sectionDisplay}>
        <div class="row">
          <SelectField
            path={[...base, 'display', 'placement']}
            label={t.fieldPlacement}
            defaultLabel={t.defaultValue(t.placements['bottom-right'] ?? 'bottom-right')}
            options={PLACEMENTS.filter((p) => p !== 'bottom-right').map((p) => ({
              value: p,
              label: t.placements[p] ?? p,
            }))}
          />
          <TextField path={[...base, 'display', 'target']} label={t.fieldTarget} placeholder="#feedback" />
        </div>
      </Section>
    </div>
  );
}

/** The site-wide fields: default language, fatigue across surveys and the card's appearance. */
export function SiteForm() {
  const { t } = useEditor();
  return (
    <div class="survey-form">
      <Section title={t.siteTitle}>
        <TextField path={['defaultLocale']} label={t.fieldDefaultLocale} placeholder="en" />
        <div class="row">
          <NumberField
            path={['fatigue', 'cooldownDays']}
            label={t.fieldCooldown}
            placeholder="7"
            min={0}
            max={365}
          />
          <NumberField
            path={['fatigue', 'sessionCap']}
            label={t.fieldSessionCap}
            placeholder="1"
            min={1}
            max={100}
            step={1}
          />
        </div>
        <div class="row">
          <TextField path={['appearance', 'brandColor']} label={t.fieldBrand} placeholder="#0a66c2" />
          <NumberField
            path={['appearance', 'radius']}
            label={t.fieldRadius}
            placeholder="12"
            min={0}
            max={32}
          />
        </div>
        <TextField path={['appearance', 'fontFamily']} label={t.fieldFont} placeholder="system-ui" />
        <SelectField
          path={['appearance', 'colorScheme']}
          label={t.fieldScheme}
          defaultLabel={t.schemeAuto}
          options={[
            { value: 'light', label: t.schemeLight },
            { value: 'dark', label: t.schemeDark },
          ]}
        />
      </Section>
    </div>
  );
}
