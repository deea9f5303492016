import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/schema';

describe('the editors’ JSON Schema', () => {
  it('is current: regenerate with `pnpm --filter @touchpoint/core json-schema` after changing a schema', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../touchpoint-config.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema());
  });

  it('offers the names an editor should autocomplete', () => {
    const schema = JSON.stringify(configJsonSchema());
    for (const word of [
      '"triggers"',
      '"scrollDepth"',
      '"exitIntent"',
      '"sampleRate"',
      '"recontactDays"',
      '"cooldownDays"',
      '"bottom-left"',
    ]) {
      expect(schema).toContain(word);
    }
    expect(configJsonSchema()).toMatchObject({
      required: expect.arrayContaining(['version', 'surveys']),
      additionalProperties: false,
    });
  });
});
