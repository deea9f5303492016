/**
 * Default wording of each question, its end labels, the follow-up and the thank-you step, in the four
 * built-in languages. A survey's own text always wins; these fill in what a survey leaves out.
 */
import type { Metric } from './metric';

export const BUILT_IN_LOCALES = ['en', 'nl', 'fr', 'de'] as const;
export type BuiltInLocale = (typeof BUILT_IN_LOCALES)[number];

export interface QuestionWording {
  /** The question itself. */
  readonly text: string;
  /** Label at the low end of the scale (0 for NPS, 1 otherwise). */
  readonly low: string;
  /** Label at the high end of the scale. */
  readonly high: string;
}

export interface SurveyWording {
  readonly nps: QuestionWording;
  readonly ces: QuestionWording;
  readonly csat: QuestionWording;
  /** The open-text follow-up. */
  readonly followUp: string;
  readonly thankYou: string;
}

export const DEFAULT_WORDING: { readonly [L in BuiltInLocale]: SurveyWording } = {
  en: {
    nps: {
      text: 'How likely are you to recommend us to a friend or colleague?',
      low: 'Not at all likely',
      high: 'Extremely likely',
    },
    ces: {
      text: 'It was easy to do what I came here to do.',
      low: 'Strongly disagree',
      high: 'Strongly agree',
    },
    csat: {
      text: 'How satisfied are you with your experience?',
      low: 'Very unsatisfied',
      high: 'Very satisfied',
    },
    followUp: 'What is the main reason for your score?',
    thankYou: 'Thank you for your feedback!',
  },
  nl: {
    nps: {
      text: 'Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?',
      low: 'Helemaal niet waarschijnlijk',
      high: 'Zeer waarschijnlijk',
    },
    ces: {
      text: 'Het was makkelijk om te doen waarvoor ik kwam.',
      low: 'Helemaal mee oneens',
      high: 'Helemaal mee eens',
    },
    csat: {
      text: 'Hoe tevreden ben je over je ervaring?',
      low: 'Zeer ontevreden',
      high: 'Zeer tevreden',
    },
    followUp: 'Wat is de belangrijkste reden voor je score?',
    thankYou: 'Bedankt voor je feedback!',
  },
  fr: {
    nps: {
      text: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
      low: 'Pas du tout probable',
      high: 'Très probable',
    },
    ces: {
      text: 'Il a été facile de faire ce que je suis venu faire.',
      low: "Pas du tout d'accord",
      high: "Tout à fait d'accord",
    },
    csat: {
      text: 'Dans quelle mesure êtes-vous satisfait de votre expérience ?',
      low: 'Très insatisfait',
      high: 'Très satisfait',
    },
    followUp: 'Quelle est la principale raison de votre note ?',
    thankYou: 'Merci pour votre avis !',
  },
  de: {
    nps: {
      text: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
      low: 'Überhaupt nicht wahrscheinlich',
      high: 'Äußerst wahrscheinlich',
    },
    ces: {
      text: 'Es war einfach, das zu erledigen, weswegen ich hier bin.',
      low: 'Stimme überhaupt nicht zu',
      high: 'Stimme voll und ganz zu',
    },
    csat: {
      text: 'Wie zufrieden sind Sie mit Ihrer Erfahrung?',
      low: 'Sehr unzufrieden',
      high: 'Sehr zufrieden',
    },
    followUp: 'Was ist der wichtigste Grund für Ihre Bewertung?',
    thankYou: 'Vielen Dank für Ihr Feedback!',
  },
};

/**
 * The built-in locale for a BCP 47 tag: `nl-BE` → `nl`, `FR` → `fr`; anything else → `en`.
 */
export function builtInLocale(tag: string | undefined): BuiltInLocale {
  const language = (tag ?? '').toLowerCase().split('-')[0];
  return (BUILT_IN_LOCALES as readonly string[]).includes(language ?? '')
    ? (language as BuiltInLocale)
    : 'en';
}

/** Default wording of one metric question in a locale (falls back to English). */
export function defaultQuestionWording(metric: Metric, locale?: string): QuestionWording {
  return DEFAULT_WORDING[builtInLocale(locale)][metric];
}
