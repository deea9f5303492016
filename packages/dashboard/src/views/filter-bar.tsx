/**
 * The date range and segment filters every view uses. Typing changes nothing until Apply (one request per
 * decision, not per keystroke); a quick range applies at once.
 */
import { DEVICES, type Device } from '@touchpoint/core';
import { useEffect, useState } from 'preact/hooks';
import { useDashboard } from '../dashboard-context';
import { type Filters, isDay, lastDays, PRESET_RANGE_DAYS } from '../model/filters';
import { AttributeFilter, decodeAttribute, encodeAttribute } from './attribute-filter';
import { ChannelFilter, channelOfValue } from './channel-filter';

export interface FilterBarProps {
  readonly filters: Filters;
  readonly onChange: (filters: Filters) => void;
}

interface Draft {
  from: string;
  to: string;
  device: string;
  locale: string;
  path: string;
  /** The customer-attribute choice, encoded (`views/attribute-filter.tsx`). */
  attribute: string;
  channel: string;
}

const draftOf = (filters: Filters): Draft => ({
  from: filters.from,
  to: filters.to,
  device: filters.device ?? '',
  locale: filters.locale ?? '',
  path: filters.path ?? '',
  attribute: encodeAttribute(filters.attribute),
  channel: filters.channel ?? '',
});

export function FilterBar({ filters, onChange }: FilterBarProps) {
  const { t, now } = useDashboard();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(draftOf(filters)), [filters]);

  const field = (name: keyof Draft) => (event: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setDraft((d) => ({ ...d, [name]: event.currentTarget.value }));

  const apply = (event: Event) => {
    event.preventDefault();
    if (!isDay(draft.from) || !isDay(draft.to)) {
      setProblem(t.filterBadDate);
      return;
    }
    if (draft.from > draft.to) {
      setProblem(t.filterBadRange);
      return;
    }
    setProblem(null);
    const next: { -readonly [K in keyof Filters]: Filters[K] } = { from: draft.from, to: draft.to };
    if ((DEVICES as readonly string[]).includes(draft.device)) next.device = draft.device as Device;
    if (draft.locale.trim() !== '') next.locale = draft.locale.trim();
    if (draft.path.trim() !== '') next.path = draft.path.trim();
    const channel = channelOfValue(draft.channel);
    if (channel !== undefined) next.channel = channel;
    const attribute = decodeAttribute(draft.attribute);
    if (attribute !== undefined) {
      // The API keeps one attribute per rollup row: it takes no other segment filter beside it.
      if (
        next.device !== undefined ||
        next.locale !== undefined ||
        next.path !== undefined ||
        next.channel !== undefined
      ) {
        setProblem(t.attributeAlone);
        return;
      }
      next.attribute = attribute;
    }
    onChange(next);
  };

  return (
    <form class="filters" aria-label={t.filtersLabel} onSubmit={apply} noValidate>
      <div class="filter-range">
        <div class="field">
          <label for="filter-from">{t.filterFrom}</label>
          <input
            id="filter-from"
            type="date"
            value={draft.from}
            max={draft.to}
            onInput={field('from')}
            required
          />
        </div>
        <div class="field">
          <label for="filter-to">{t.filterTo}</label>
          <input
            id="filter-to"
            type="date"
            value={draft.to}
            min={draft.from}
            onInput={field('to')}
            required
          />
        </div>
        <div class="presets">
          {PRESET_RANGE_DAYS.map((days) => (
            <button
              key={days}
              type="button"
              class="chip"
              onClick={() => onChange({ ...filters, ...lastDays(now(), days) })}
            >
              {t.filterPreset(days)}
            </button>
          ))}
        </div>
      </div>
      <div class="filter-segment">
        <div class="field">
          <label for="filter-device">{t.filterDevice}</label>
          <select id="filter-device" value={draft.device} onChange={field('device')}>
            <option value="">{t.filterAnyDevice}</option>
            {DEVICES.map((device) => (
              <option key={device} value={device}>
                {t.devices[device]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-locale">{t.filterLocale}</label>
          <input
            id="filter-locale"
            type="text"
            value={draft.locale}
            onInput={field('locale')}
            aria-describedby="filter-locale-hint"
            size={8}
            spellcheck={false}
            autocomplete="off"
          />
          <small id="filter-locale-hint">{t.filterLocaleHint}</small>
        </div>
        <div class="field">
          <label for="filter-path">{t.filterPath}</label>
          <input
            id="filter-path"
            type="text"
            value={draft.path}
            onInput={field('path')}
            aria-describedby="filter-path-hint"
            spellcheck={false}
            autocomplete="off"
          />
          <small id="filter-path-hint">{t.filterPathHint}</small>
        </div>
        <ChannelFilter value={draft.channel} onChange={(channel) => setDraft((d) => ({ ...d, channel }))} />
        <AttributeFilter
          value={draft.attribute}
          onChange={(attribute) => setDraft((d) => ({ ...d, attribute }))}
        />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t.filterApply}
          </button>
          <button type="button" onClick={() => onChange({ from: filters.from, to: filters.to })}>
            {t.filterClear}
          </button>
        </div>
      </div>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
