/**
 * The card's own words (buttons, accessible names) in the built-in languages. Question wording comes from core's
 * DEFAULT_WORDING; this file only holds what core does not know about: the card's chrome.
 */
import { type BuiltInLocale, builtInLocale } from '@touchpoint/core';

export interface UiStrings {
  /** The close button's accessible name. */
  readonly close: string;
  /** The minimise button's accessible name, and the tab's that opens the card again. */
  readonly fold: readonly [minimise: string, open: string];
  readonly send: string;
  readonly skip: string;
  /** Names of the middle three CSAT faces (2, 3, 4); faces 1 and 5 carry the scale's end labels. */
  readonly faces: readonly [string, string, string];
  /** "star" and "stars", for "1 star" and "4 stars". */
  readonly star: readonly [one: string, other: string];
}

export const UI_STRINGS: { readonly [L in BuiltInLocale]: UiStrings } = {
  en: {
    close: 'Close',
    fold: ['Minimise', 'Open the survey'],
    send: 'Send',
    skip: 'Skip',
    faces: ['Unsatisfied', 'Neutral', 'Satisfied'],
    star: ['star', 'stars'],
  },
  nl: {
    close: 'Sluiten',
    fold: ['Minimaliseren', 'De enquête openen'],
    send: 'Versturen',
    skip: 'Overslaan',
    faces: ['Ontevreden', 'Neutraal', 'Tevreden'],
    star: ['ster', 'sterren'],
  },
  fr: {
    close: 'Fermer',
    fold: ['Réduire', 'Ouvrir le sondage'],
    send: 'Envoyer',
    skip: 'Passer',
    faces: ['Insatisfait', 'Neutre', 'Satisfait'],
    star: ['étoile', 'étoiles'],
  },
  de: {
    close: 'Schließen',
    fold: ['Minimieren', 'Umfrage öffnen'],
    send: 'Senden',
    skip: 'Überspringen',
    faces: ['Unzufrieden', 'Neutral', 'Zufrieden'],
    star: ['Stern', 'Sterne'],
  },
};

/** The card's words for a BCP 47 locale: `nl-BE` → Dutch; a language without built-in strings → English. */
export function uiStrings(locale: string): UiStrings {
  return UI_STRINGS[builtInLocale(locale)];
}
