/**
 * The privacy-signal table (docs/faults.md case 76): Global Privacy Control, and Do Not Track in each historical
 * spelling and place (`navigator.doNotTrack`, `navigator.msDoNotTrack`, `window.doNotTrack`), on and off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { privacySignal } from '../../src/runtime/privacy-signals';

const set: [object, string][] = [];
function define(target: object, name: string, value: unknown) {
  Object.defineProperty(target, name, { value, configurable: true });
  set.push([target, name]);
}
afterEach(() => {
  for (const [target, name] of set.splice(0)) delete (target as Record<string, unknown>)[name];
});

describe('privacySignal', () => {
  it.each([
    ['navigator.globalPrivacyControl', 'navigator', 'globalPrivacyControl', true, 'Global Privacy Control'],
    ['navigator.globalPrivacyControl false', 'navigator', 'globalPrivacyControl', false, undefined],
    ['navigator.doNotTrack "1"', 'navigator', 'doNotTrack', '1', 'Do Not Track'],
    ['navigator.doNotTrack "yes" (old Firefox)', 'navigator', 'doNotTrack', 'yes', 'Do Not Track'],
    ['navigator.doNotTrack "0"', 'navigator', 'doNotTrack', '0', undefined],
    ['navigator.doNotTrack "unspecified"', 'navigator', 'doNotTrack', 'unspecified', undefined],
    ['navigator.msDoNotTrack "1" (IE 9–10)', 'navigator', 'msDoNotTrack', '1', 'Do Not Track'],
    ['navigator.msDoNotTrack "0"', 'navigator', 'msDoNotTrack', '0', undefined],
    ['window.doNotTrack "1" (IE 11, old Edge and Safari)', 'window', 'doNotTrack', '1', 'Do Not Track'],
    ['window.doNotTrack "0"', 'window', 'doNotTrack', '0', undefined],
    ['window.doNotTrack null', 'window', 'doNotTrack', null, undefined],
  ])('%s', (_, where, name, value, expected) => {
    define(where === 'window' ? window : navigator, name, value);
    expect(privacySignal(window)).toBe(expected);
  });

  it('is undefined when the browser sends no signal at all', () => {
    expect(privacySignal(window)).toBeUndefined();
  });
});
