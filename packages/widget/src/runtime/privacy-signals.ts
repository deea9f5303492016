/**
 * Global Privacy Control and Do Not Track (docs/faults.md case 76). GPC is legally binding under the CCPA;
 * DNT is read in all three historical spellings (PostHog's `consent.ts`).
 */
export type PrivacySignal = 'Global Privacy Control' | 'Do Not Track';

interface SignalSources {
  readonly navigator: Navigator & { globalPrivacyControl?: unknown; msDoNotTrack?: unknown };
  readonly doNotTrack?: unknown;
}

const DNT_ON = new Set(['1', 'yes', 1, true]);

/** The privacy signal the browser sends, if any. */
export function privacySignal(window: Window): PrivacySignal | undefined {
  const { navigator, doNotTrack } = window as unknown as SignalSources;
  if (navigator.globalPrivacyControl === true) return 'Global Privacy Control';
  if ([navigator.doNotTrack, navigator.msDoNotTrack, doNotTrack].some((value) => DNT_ON.has(value as never)))
    return 'Do Not Track';
  return undefined;
}
