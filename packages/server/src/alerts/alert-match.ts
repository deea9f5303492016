/**
 * Which answers fire a rule: each filter the rule gives narrows them (touchpoints, bands by core's names, a
 * non-empty open text, an identified visitor).
 */
import { type Band, bandOf, type CesPoints, type Metric } from '@touchpoint/core';
import type { AlertRuleFields } from '../store/store';

/** A stored winning score, as the rules see it. */
export interface MatchableAnswer {
  readonly touchpoint: string;
  readonly metric: Metric;
  /** 5 or 7 for CES; 0 for NPS and CSAT. */
  readonly points: 0 | CesPoints;
  readonly value: number;
  /** The response's open-text answers. */
  readonly texts: readonly string[];
  /** The visitor's `identify` id, when the host called it. */
  readonly userId: string | null;
}

export const bandOfAnswer = (answer: Pick<MatchableAnswer, 'metric' | 'points' | 'value'>): Band =>
  bandOf(answer.metric, answer.value, answer.points === 0 ? 7 : answer.points);

export const hasText = (texts: readonly string[]): boolean => texts.some((text) => text.trim() !== '');

export function ruleMatches(
  rule: Pick<AlertRuleFields, 'touchpoints' | 'bands' | 'hasText' | 'identifiedOnly'>,
  answer: MatchableAnswer,
): boolean {
  if (rule.touchpoints !== null && !rule.touchpoints.includes(answer.touchpoint)) return false;
  if (rule.bands !== null && !rule.bands.includes(bandOfAnswer(answer))) return false;
  if (rule.hasText && !hasText(answer.texts)) return false;
  if (rule.identifiedOnly && answer.userId === null) return false;
  return true;
}
