/** The four lifecycle events. Response rate and drop-off need all four. */
export const EVENT_TYPES = ['shown', 'answered', 'completed', 'dismissed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
