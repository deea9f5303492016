/** The words of the hosted survey pages, in English and Dutch (the dashboard's languages); English otherwise. */
export interface HostedWords {
  readonly title: string;
  /** `{score}` and `{text}` are replaced by the answer given before. */
  readonly previous: string;
  readonly confirm: string;
  readonly closed: string;
  readonly noScript: string;
  readonly invalidTitle: string;
  readonly invalid: string;
  readonly expiredTitle: string;
  readonly expired: string;
  readonly missingTitle: string;
  readonly missing: string;
}

const en: HostedWords = {
  title: 'A quick question',
  previous: 'You answered {score} {text}. Choose again to change your answer.',
  confirm: 'Send my answer',
  closed: 'Thank you. You can close this page.',
  noScript: 'This survey needs JavaScript. Please turn it on and open the link again.',
  invalidTitle: 'This survey link is not valid',
  invalid:
    'The link was changed or cut off. Open it again from the message you received it in. Nothing was recorded.',
  expiredTitle: 'This survey link has expired',
  expired: 'Thank you for your interest: this survey is closed. Nothing was recorded.',
  missingTitle: 'Survey not found',
  missing: 'There is no such survey (any more). Nothing was recorded.',
};

const nl: HostedWords = {
  title: 'Een korte vraag',
  previous: 'Je antwoordde {score} {text}. Kies opnieuw om je antwoord te wijzigen.',
  confirm: 'Verstuur mijn antwoord',
  closed: 'Bedankt. Je kunt deze pagina sluiten.',
  noScript: 'Deze vragenlijst heeft JavaScript nodig. Zet het aan en open de link opnieuw.',
  invalidTitle: 'Deze link naar de vragenlijst is ongeldig',
  invalid:
    'De link is gewijzigd of afgebroken. Open hem opnieuw vanuit het bericht waarin je hem kreeg. Er is niets opgeslagen.',
  expiredTitle: 'Deze link naar de vragenlijst is verlopen',
  expired: 'Bedankt voor je interesse: deze vragenlijst is gesloten. Er is niets opgeslagen.',
  missingTitle: 'Vragenlijst niet gevonden',
  missing: 'Deze vragenlijst bestaat niet (meer). Er is niets opgeslagen.',
};

export const wordsFor = (locale: string): HostedWords => (locale.toLowerCase().startsWith('nl') ? nl : en);
