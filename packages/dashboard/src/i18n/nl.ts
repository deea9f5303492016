/**
 * Elk Nederlands woord van het dashboard: dezelfde sleutels als `en.ts`.
 */
import { MIN_INTERVAL_N } from '@touchpoint/core';
import type { Messages } from './en';
import { one } from './plural';

export const nl: Messages = {
  languageName: 'Nederlands',
  documentTitle: 'Touchpoint-resultaten',
  productName: 'Touchpoint',
  productTagline: 'Resultaten',
  editorTagline: 'Enquête-editor',
  language: 'Taal',
  skipToContent: 'Naar de resultaten',

  signInTitle: 'Aanmelden voor je resultaten of de enquête-editor',
  signInIntro:
    'Vul de geheime resultatensleutel van je site in (sk_…) om de resultaten te lezen, of de beheersleutel (ak_…) om de enquêtes te bewerken.',
  signInKeyLabel: 'Resultatensleutel of beheersleutel',
  signInKeyHint:
    'Alleen bewaard in dit browsertabblad, tot je afmeldt of het tabblad sluit. Zet de sleutel nooit in een link.',
  signInSubmit: 'Aanmelden',
  signInChecking: 'Sleutel controleren…',
  signInEmpty: 'Vul je resultatensleutel of beheersleutel in.',
  signInRejected:
    'Deze sleutel werd niet aanvaard. Controleer of je de hele geheime resultatensleutel kopieerde.',
  signInPublicKey:
    'Dit lijkt de publieke sitesleutel (pk_…), die nooit resultaten kan lezen. Gebruik de geheime resultatensleutel (sk_…).',
  signInExpired:
    'De server aanvaardt je resultatensleutel niet meer, dus je bent afgemeld. Meld je opnieuw aan.',
  signInSignedOut: 'Je bent afgemeld. De sleutel is uit dit tabblad verwijderd.',
  signOut: 'Afmelden',

  filtersLabel: 'Periode en segment',
  filterFrom: 'Van',
  filterTo: 'Tot en met',
  filterPreset: (days) => `Laatste ${days} dagen`,
  filterDevice: 'Apparaat',
  filterAnyDevice: 'Alle apparaten',
  devices: { desktop: 'Computer', mobile: 'Mobiel', tablet: 'Tablet' },
  filterLocale: 'Taal van de bezoeker',
  filterLocaleHint: 'Een taalcode zoals nl of nl-BE. Leeg voor alle talen.',
  filterPath: 'Paginapad',
  filterPathHint: 'Het exacte pad, zoals /checkout/thanks. Leeg voor alle pagina’s.',
  filterChannel: 'Kanaal',
  filterAnyChannel: 'Alle kanalen',
  filterApply: 'Toepassen',
  filterClear: 'Segment wissen',
  filterBadDate: 'Vul beide datums in als jaar-maand-dag, bijvoorbeeld 2025-01-31.',
  filterBadRange: 'De eerste dag moet op of vóór de laatste dag liggen.',

  exportLabel: 'Downloaden als CSV',
  exportResponses: 'Antwoorden',
  exportSummary: 'Samenvatting',
  exportBusy: 'Bestand wordt klaargemaakt…',
  exportDone: 'Het bestand is opgeslagen.',
  exportFailed: 'Het downloaden is mislukt.',

  loading: 'Laden…',
  retry: 'Opnieuw proberen',
  errorNetwork: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  errorServer: 'De server kan nu niet antwoorden.',
  errorRequest: 'De server weigerde de vraag.',
  errorResponse: 'De server gaf een antwoord dat het dashboard niet kan lezen.',

  overviewTitle: 'Contactmomenten',
  overviewRange: (range) => `Antwoorden van ${range}.`,
  overviewEmpty:
    'Geen antwoorden in deze periode en dit segment. Kies een langere periode of wis de segmentfilters.',
  overviewCaption:
    'Alle contactmomenten naast elkaar, gegroepeerd per meting: score, 95 %-interval, aantal antwoorden, trend per week en verandering.',
  overviewNarrowNote:
    'Op een smal scherm staan de wekelijkse trend, de verandering en het responspercentage hier niet: open een contactmoment om ze te zien.',
  colTouchpoint: 'Contactmoment',
  colScore: 'Score',
  colInterval: '95 %-interval',
  colAnswers: 'Antwoorden',
  colTrend: 'Trend per week',
  colChange: (days) => `Verschil met de ${days} dagen ervoor`,

  measureShort: { nps: 'NPS', csat: 'CSAT', ces7: 'CES', ces5: 'CES (1–5)' },
  measureLong: {
    nps: 'Net Promoter Score: % promotors (9–10) min % criticasters (0–6), van −100 tot +100.',
    csat: 'Klanttevredenheid: % dat 4 of 5 (tevreden) antwoordde op een schaal van 1 tot 5.',
    ces7: 'Klantinspanning: gemiddelde instemming dat het makkelijk ging, van 1 tot 7. Hoger is makkelijker.',
    ces5: 'Klantinspanning, versie met 5 punten: gemiddelde instemming dat het makkelijk ging, van 1 tot 5. Hoger is makkelijker.',
  },
  scoreOutOf: (max) => `van ${max}`,
  satisfiedSuffix: 'tevreden',
  responseRate: (rate) => `${rate} antwoordde toen het gevraagd werd`,
  csatMean: (mean) => `gemiddeld ${mean} van 5`,
  cesAgree: (share) => `${share} vond het makkelijk`,
  npsBreakdown: (promoters, passives, detractors) =>
    `${promoters} ${one(promoters) ? 'promotor' : 'promotors'}, ${passives} ${one(passives) ? 'passieve' : 'passieven'}, ${detractors} ${one(detractors) ? 'criticaster' : 'criticasters'}`,
  smallSample: (n) =>
    `Maar ${n} ${one(n) ? 'antwoord' : 'antwoorden'}. Met minder dan 30 kan de score sterk schommelen door toeval: zie hem als een eerste aanwijzing.`,
  noAnswers: 'Nog geen antwoorden',
  intervalRange: (low, high) => `${low} tot ${high}`,
  noInterval: `minder dan ${MIN_INTERVAL_N} antwoorden: te weinig voor een interval`,

  badgeLowest: (measure) => `Laagste ${measure}`,
  badgeClearlyLowest: (measure) => `Duidelijk laagste ${measure}`,
  badgeMostChanged: 'Meest veranderd',
  changeUp: (difference) => `Omhoog ${difference}`,
  changeDown: (difference) => `Omlaag ${difference}`,
  changeFlat: 'Geen verschil',
  changeReal: 'echte verandering (significant bij 95 %)',
  changeChance: 'kan toeval zijn (niet significant)',
  changeNone: 'Niets om mee te vergelijken',
  units: {
    nps: 'punten',
    csat: 'procentpunten',
    ces7: 'punten',
    ces5: 'punten',
  },

  highlightsTitle: 'Wat opvalt',
  highlightLowest: (measure) => `Laagste ${measure}`,
  highlightClearly: 'Het hele 95 %-interval ligt onder dat van elk ander contactmoment.',
  highlightNotClearly: 'De intervallen overlappen, dus de volgorde kan toeval zijn.',
  highlightChange: (measure) => `Grootste echte verandering in ${measure}`,
  highlightNoChange: 'Geen enkel contactmoment veranderde significant ten opzichte van de periode ervoor.',
  highlightNothingToRank:
    'Elke meting heeft maar één contactmoment met antwoorden, dus er valt nog niets te rangschikken.',
  howMarked:
    'Hoe contactmomenten gemarkeerd worden: „laagste” vergelijkt alleen contactmomenten met dezelfde meting, want NPS, CSAT en CES gebruiken verschillende schalen. „Duidelijk laagste” betekent dat het hele 95 %-interval onder het interval van elk ander contactmoment ligt. „Meest veranderd” is de grootste verandering binnen een meting die significant is bij 95 %; een verandering die toeval kan zijn, wordt nooit gemarkeerd.',

  bands: {
    detractor: 'Criticasters',
    passive: 'Passieven',
    promoter: 'Promotors',
    unsatisfied: 'Ontevreden',
    neutral: 'Neutraal',
    satisfied: 'Tevreden',
    disagree: 'Vond het moeilijk',
    agree: 'Vond het makkelijk',
  },
  band: {
    detractor: 'Criticaster',
    passive: 'Passief',
    promoter: 'Promotor',
    unsatisfied: 'Ontevreden',
    neutral: 'Neutraal',
    satisfied: 'Tevreden',
    disagree: 'Vond het moeilijk',
    agree: 'Vond het makkelijk',
  },

  errorBarLabel: (measure, score, interval, min, max) =>
    `${measure} ${score}, 95 %-interval ${interval}, op een schaal van ${min} tot ${max}`,
  errorBarEmpty: (measure) => `${measure}: geen antwoorden`,
  sparklineLabel: (points) => `Scores per week: ${points}`,
  sparklineEmpty: 'Nog geen scores per week',
  sparklinePoint: (week, score) => `week van ${week}: ${score}`,
  sparklineNoScore: (week) => `week van ${week}: geen antwoorden`,

  backToOverview: 'Alle contactmomenten',
  touchpointMissing: 'Geen antwoorden voor dit contactmoment in deze periode en dit segment.',
  cardScore: 'Score',
  cardInterval: '95 %-interval',
  cardAnswers: 'Antwoorden',
  cardDetails: 'Details',
  intervalExplain: 'Met 95 % zekerheid ligt de echte score in dit bereik.',
  noIntervalExplain: `Een interval vraagt minstens ${MIN_INTERVAL_N} antwoorden: met minder is de score alleen een eerste aanwijzing.`,

  distributionTitle: 'Antwoorden per score',
  distributionLabel: (measure, n, bands) =>
    `Staafdiagram van ${n} antwoorden voor ${measure} per gegeven score. ${bands}`,
  distributionBand: (band, count, share) => `${band}: ${count} (${share})`,
  showTable: 'Toon als tabel',
  colScoreGiven: 'Gegeven score',
  colShare: 'Aandeel',
  colBand: 'Groep',

  trendTitle: 'Trend',
  trendByDay: 'Per dag',
  trendByWeek: 'Per week',
  trendLabel: (measure, count) =>
    `Lijndiagram van ${measure} over ${count} perioden, met het 95 %-interval als gekleurde band. Gebruik de pijltjestoetsen links en rechts om elk punt te lezen.`,
  trendHint: 'Gekleurde band: 95 %-interval. Open punt: minder dan 30 antwoorden.',
  trendEmpty: 'Geen antwoorden in deze periode.',
  trendPoint: (period, score, interval, n) =>
    `${period}: ${score} (95 %-interval ${interval}), ${n} antwoorden`,
  trendPointEmpty: (period) => `${period}: geen antwoorden`,
  trendPickPoint:
    'Beweeg over het diagram, of geef het de focus en gebruik de pijltjestoetsen, om een punt te lezen.',
  weekOf: (day) => `Week van ${day}`,
  colPeriod: 'Periode',
  colNote: 'Opmerking',
  fewAnswers: 'minder dan 30 antwoorden',

  compareTitle: 'Perioden vergelijken',
  compareModeLabel: 'Wat vergelijken',
  comparePrevious: (days) => `Deze periode met de ${days} dagen ervoor`,
  compareCustom: 'Twee perioden naar keuze',
  comparePeriodA: 'Periode A',
  comparePeriodB: 'Periode B',
  compareRun: 'Vergelijken',
  compareHigher: (measure, difference, a, b) => `${measure} lag ${difference} hoger in ${a} dan in ${b}.`,
  compareLower: (measure, difference, a, b) => `${measure} lag ${difference} lager in ${a} dan in ${b}.`,
  compareSame: (measure, a, b) => `${measure} was gelijk in ${a} en in ${b}.`,
  compareInterval: (low, high, unit) => `95 %-interval van het verschil: ${low} tot ${high} ${unit}.`,
  compareSignificant: 'Significant bij 95 %: een zo groot verschil is waarschijnlijk geen toeval.',
  compareNotSignificant:
    'Niet significant bij 95 %: dit verschil kan toeval zijn. Meer antwoorden zouden het uitwijzen.',
  compareImpossible: 'Deze perioden zijn niet te vergelijken: een ervan heeft geen antwoorden.',
  compareImpossibleCes: 'Deze perioden zijn niet te vergelijken: CES heeft er minstens 2 per periode nodig.',

  segmentsTitle: 'Per segment',
  segmentsBy: 'Uitsplitsen naar',
  segmentBy: { device: 'Apparaat', locale: 'Taal', path: 'Pagina', channel: 'Kanaal' },
  channels: { web: 'Via de website', link: 'Via een link', email: 'Via e-mail', qr: 'QR-code' },
  channelsTitle: 'Per kanaal',
  channelsNotComparable: (a, b) =>
    `${a} en ${b} zijn nog niet te vergelijken: een van beide heeft te weinig antwoorden.`,
  colSegment: 'Segment',
  colResponseRate: 'Responsgraad',
  segmentsEmpty: 'Geen antwoorden in deze periode.',

  customerLabel: 'Klant',
  pagesLabel: "Pagina's",
  inboxTitle: 'Opvolgingsinbox',
  inboxIntro:
    'Antwoorden die opvolging vragen. Bedank of beantwoord de klant buiten Touchpoint en markeer het item hier: klanten geven een bedrijf minder dan een week.',
  inboxStatus: { open: 'Open', contacted: 'Gecontacteerd', resolved: 'Opgelost' },
  inboxStatusLabel: 'Status',
  inboxOldestOpen: 'Oudste open item',
  inboxWeekNote: 'Klanten geven een bedrijf minder dan een week.',
  inboxMedian: 'Mediane tijd tot eerste opvolging',
  inboxNone: '—',
  inboxDays: (n) => `${n} ${one(n) ? 'dag' : 'dagen'}`,
  inboxHours: (n) => `${n} uur`,
  inboxOpenPer: 'Open per contactmoment:',
  inboxShow: 'Toon',
  inboxEmpty: 'Geen items met deze status in deze periode.',
  inboxAnonymous: 'Anonieme bezoeker',
  inboxNote: 'Notitie',
  inboxAssignee: 'Toegewezen aan',
  inboxFollowUp: 'Opvolgen',
  inboxSave: 'Opslaan',
  inboxHistory: 'Geschiedenis',
  inboxKind: {
    opened: 'Antwoord binnengekomen',
    answer_changed: 'Antwoord gewijzigd',
    updated: 'Gemarkeerd',
  },
  inboxOtherAnswers: 'Andere antwoorden van deze bezoeker',
  inboxConflict:
    'Iemand wijzigde dit item intussen. Het is opnieuw gelezen: controleer het en sla opnieuw op.',
  atRiskTitle: 'Klanten in gevaar',
  atRiskIntro: (range) =>
    `Bekende klanten van wie het laatste antwoord van ${range} opvolging vraagt of sterk daalde; de laagste eerst.`,
  atRiskEmpty: 'Geen bekende klant in gevaar in deze periode.',
  atRiskBand: 'Laatste antwoord vraagt opvolging',
  atRiskDrop: (percent) => `${percent} % van de schaal gedaald`,
  atRiskOpen: (n) => `${n} ${one(n) ? 'openstaande melding' : 'openstaande meldingen'}`,
  attributeFilter: 'Klantkenmerk',
  attributeAny: 'Alle klanten',
  attributeHint:
    'Antwoorden van bekende klanten met dit kenmerk. Op zichzelf: geen apparaat, taal of pagina erbij.',
  attributeAlone:
    'Een filter op klantkenmerk staat op zichzelf: wis het apparaat, de taal en de pagina, of kies alle klanten.',
  segmentsWithAttribute:
    'Uitsplitsingen zijn er niet zolang een klantkenmerk gekozen is: kies alle klanten om ze te zien.',
  journeyTitle: 'Klantreizen',
  journeyIntro: (range) => `De touchpoints in de volgorde waarin de klant ze tegenkomt, ${range}.`,
  journeyPick: 'Klantreis',
  journeyNone:
    'De enquêteconfiguratie beschrijft geen klantreis. Voeg er "journeys" aan toe: fasen op volgorde, elk met zijn touchpoints.',
  journeyStage: (n) => `Fase ${n}`,
  journeyStageEmpty: 'Geen antwoorden in deze periode.',
  journeyWeakest: (measure) => `Zwakste fase (${measure})`,
  journeyNoWeakest: 'Geen fase is in deze periode duidelijk de zwakste.',
  journeyHowMarked:
    'Een fase is alleen als zwakste gemarkeerd wanneer een van haar touchpoints duidelijk het laagst scoort van zijn maatstaf in deze klantreis: het hele 95 %-interval ligt onder dat van elk ander touchpoint met dezelfde maatstaf. Verschillende maatstaven worden nooit vergeleken.',
  journeyChange: 'Verschil met evenveel dagen ervoor',
  journeyAnswers: (n) => `${n} ${one(n) ? 'antwoord' : 'antwoorden'}`,
  verbatimsTitle: 'Wat mensen schreven',
  verbatimsFilter: 'Toon',
  bandAll: 'Alle',
  verbatimsEmpty: 'Geen geschreven antwoorden die passen.',
  verbatimsMore: 'Meer tonen',
  verbatimsCount: (n) =>
    `${n} ${one(n) ? 'geschreven antwoord' : 'geschreven antwoorden'} getoond, nieuwste eerst.`,
  verbatimScore: (band, score) => `${band}, score ${score}`,
};
