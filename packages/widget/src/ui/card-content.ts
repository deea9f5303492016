/**
 * Everything a survey card shows, resolved once for the visitor's locale: the survey's own texts first
 * (core's `resolveText`), core's default wording for what the survey leaves out, and the card's built-in strings.
 */
import { builtInLocale, DEFAULT_WORDING, resolveText, type Survey, scaleOf } from '@touchpoint/core';
import { directionOf } from './direction-of';
import { type UiStrings, uiStrings } from './ui-strings';

/** How the scale is drawn: CSAT may use faces or stars; every other scale uses numbers. */
export type ScaleLook = 'numbers' | 'faces' | 'stars';

export interface ScaleOption {
  readonly value: number;
  /** Accessible name: the value and, at both ends, the end label ("0, Not at all likely"). */
  readonly name: string;
}

export interface CardContent extends UiStrings {
  readonly dir: 'ltr' | 'rtl';
  readonly question: string;
  /** End labels of the scale, low then high. */
  readonly low: string;
  readonly high: string;
  readonly look: ScaleLook;
  /** The scale's options, lowest first. */
  readonly options: readonly ScaleOption[];
  readonly followUp: string;
  readonly placeholder: string | undefined;
  readonly thankYou: string;
}

export function cardContent(survey: Survey, locale: string): CardContent {
  const { question } = survey;
  const wording = DEFAULT_WORDING[builtInLocale(locale)];
  const strings = uiStrings(locale);
  const text = (value: Parameters<typeof resolveText>[0], fallback: string) =>
    resolveText(value, locale) ?? fallback;
  const low = text(question.labels?.low, wording[question.type].low);
  const high = text(question.labels?.high, wording[question.type].high);
  const look = question.type === 'csat' ? question.style : 'numbers';
  const { min, max } = scaleOf(question.type, question.type === 'ces' ? question.points : 7);
  const options: ScaleOption[] = [];
  for (let value = min; value <= max; value++) {
    const end = value === min ? low : value === max ? high : undefined;
    const parts =
      look === 'faces'
        ? [end ?? strings.faces[value - 2]]
        : [look === 'stars' ? `${value} ${strings.star[value === 1 ? 0 : 1]}` : `${value}`, end];
    options.push({ value, name: parts.filter(Boolean).join(', ') });
  }
  return {
    ...strings,
    dir: directionOf(locale),
    question: text(question.text, wording[question.type].text),
    low,
    high,
    look,
    options,
    followUp: text(survey.followUp?.text, wording.followUp),
    placeholder: resolveText(survey.followUp?.placeholder, locale),
    thankYou: text(survey.thankYou.text, wording.thankYou),
  };
}
