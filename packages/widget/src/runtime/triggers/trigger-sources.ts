/**
 * Starts the DOM trigger sources a config needs (only those: a config without click triggers adds no click
 * listener), from triggers that may not be validated yet: they run before the survey chunk, which validates the
 * config, has arrived. Page views and custom events are watched by the loader itself (widget.ts).
 */
import type { Trigger, TriggerOccurrence } from '@touchpoint/core';
import type { Logger } from '../logger';
import { watchClicks } from './click';
import { watchElementVisible } from './element-visible';
import { watchExitIntent } from './exit-intent';
import { watchScrollDepth } from './scroll-depth';
import { watchTimeOnPage } from './time-on-page';
import type { HostWindow, TriggerSource } from './trigger-source';

/** Starts the sources of the DOM triggers given (the `touchpoint-triggers.js` chunk of the script tag). */
export function startTriggerSources(
  window: HostWindow,
  triggers: readonly Trigger[],
  emit: (occurrence: TriggerOccurrence) => void,
  log: Logger,
  now: () => number,
): TriggerSource {
  const of = <T extends Trigger['type']>(type: T) =>
    triggers.filter((t): t is Extract<Trigger, { type: T }> => t.type === type);
  const sources: TriggerSource[] = [];
  const start = <T extends Trigger['type']>(
    type: T,
    begin: (ctx: {
      window: HostWindow;
      triggers: Extract<Trigger, { type: T }>[];
      emit: typeof emit;
      log: Logger;
    }) => TriggerSource,
  ) => {
    const selected = of(type);
    if (selected.length === 0) return;
    try {
      sources.push(begin({ window, triggers: selected, emit, log }));
    } catch (error) {
      log.error(`could not watch ${type} triggers:`, error);
    }
  };
  start('click', watchClicks);
  start('scrollDepth', watchScrollDepth);
  start('timeOnPage', (ctx) => watchTimeOnPage(ctx, now));
  start('exitIntent', (ctx) => watchExitIntent(ctx, now));
  start('elementVisible', watchElementVisible);
  return {
    navigated: () => {
      for (const source of sources) source.navigated?.();
    },
    stop: () => {
      for (const source of sources) source.stop();
    },
  };
}

export type StartTriggerSources = typeof startTriggerSources;
