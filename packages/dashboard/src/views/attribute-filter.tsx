/**
 * The customer-attribute filter of the filter bar (issue 13, point 4): one `attr.<name>=<value>` among the
 * config's `segmentAttributes` and the values the site keeps for them (`GET /v1/results/attributes`). Shown only
 * when the config names segment attributes. The choice is a draft until the filter bar's Apply, like the others.
 */

import { useDashboard } from '../dashboard-context';
import type { AttributeFilter as Attribute } from '../model/filters';
import { useResource } from '../use-resource';

/** The `<select>` value of a choice: name and value as JSON (either may hold any character). */
export const encodeAttribute = (attribute: Attribute | undefined): string =>
  attribute === undefined ? '' : JSON.stringify([attribute.name, attribute.value]);

export function decodeAttribute(value: string): Attribute | undefined {
  if (value === '') return undefined;
  try {
    const [name, chosen] = JSON.parse(value) as unknown[];
    return typeof name === 'string' && typeof chosen === 'string' ? { name, value: chosen } : undefined;
  } catch {
    return undefined;
  }
}

export function AttributeFilter({
  value,
  onChange,
}: {
  /** The encoded choice (`''`: all customers). */
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t, client } = useDashboard();
  const attributes = useResource((signal) => client.attributes(signal), [client]);
  if (attributes.status !== 'ok' || attributes.data.attributes.length === 0) return null;
  return (
    <div class="field attribute-filter">
      <label for="filter-attribute">{t.attributeFilter}</label>
      <select
        id="filter-attribute"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby="filter-attribute-hint"
      >
        <option value="">{t.attributeAny}</option>
        {attributes.data.attributes.map((attribute) => (
          <optgroup key={attribute.name} label={attribute.name}>
            {attribute.values.map((option) => (
              <option key={option} value={encodeAttribute({ name: attribute.name, value: option })}>
                {`${attribute.name} = ${option}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small id="filter-attribute-hint">{t.attributeHint}</small>
    </div>
  );
}
