/**
 * Every English word the dashboard shows. `nl.ts` has the same keys (the type makes a missing one an error).
 * Texts with numbers or names in them are functions; the numbers come already formatted for the language.
 * Touchpoint names, paths and verbatims are never put inside these texts: they are rendered as separate text.
 */
import { type Band, MIN_INTERVAL_N } from '@touchpoint/core';
import type { MeasureKey } from '../model/measure';
import { one } from './plural';

export const en = {
  languageName: 'English',
  documentTitle: 'Touchpoint results',
  productName: 'Touchpoint',
  productTagline: 'Results',
  editorTagline: 'Survey editor',
  language: 'Language',
  skipToContent: 'Skip to the results',

  signInTitle: 'Sign in to your results or the survey editor',
  signInIntro:
    'Enter the secret results key of your site (sk_…) to read the results, or its admin key (ak_…) to edit the surveys.',
  signInKeyLabel: 'Results key or admin key',
  signInKeyHint:
    'Kept in this browser tab only, until you sign out or close the tab. Never put the key in a link.',
  signInSubmit: 'Sign in',
  signInChecking: 'Checking the key…',
  signInEmpty: 'Enter your results key or admin key.',
  signInRejected: 'This key was not accepted. Check that you copied the whole secret results key.',
  signInPublicKey:
    'This looks like the public site key (pk_…), which can never read results. Use the secret results key (sk_…).',
  signInExpired: 'The server no longer accepts your results key, so you were signed out. Sign in again.',
  signInSignedOut: 'You are signed out. The key was removed from this tab.',
  signOut: 'Sign out',

  filtersLabel: 'Date range and segment',
  filterFrom: 'From',
  filterTo: 'To',
  filterPreset: (days: number) => `Last ${days} days`,
  filterDevice: 'Device',
  filterAnyDevice: 'All devices',
  devices: { desktop: 'Desktop', mobile: 'Mobile', tablet: 'Tablet' },
  filterLocale: 'Visitor language',
  filterLocaleHint: 'A language tag such as nl or nl-BE. Empty for all.',
  filterPath: 'Page path',
  filterPathHint: 'The exact path, such as /checkout/thanks. Empty for all.',
  filterChannel: 'Channel',
  filterAnyChannel: 'All channels',
  filterApply: 'Apply',
  filterClear: 'Clear segment',
  filterBadDate: 'Enter both dates as year-month-day, for example 2025-01-31.',
  filterBadRange: 'The first day must be on or before the last day.',

  exportLabel: 'Download as CSV',
  exportResponses: 'Responses',
  exportSummary: 'Summary',
  exportBusy: 'Preparing the file…',
  exportDone: 'The file was saved.',
  exportFailed: 'The download failed.',

  loading: 'Loading…',
  retry: 'Try again',
  errorNetwork: 'Could not reach the server. Check the connection and try again.',
  errorServer: 'The server could not answer right now.',
  errorRequest: 'The server refused the request.',
  errorResponse: 'The server answered something the dashboard cannot read.',

  overviewTitle: 'Touchpoints',
  overviewRange: (range: string) => `Answers from ${range}.`,
  overviewEmpty:
    'No answers in this date range and segment. Try a longer range or clear the segment filters.',
  overviewCaption:
    'Every touchpoint side by side, grouped by measure: score, 95 % interval, number of answers, weekly trend and change.',
  overviewNarrowNote:
    'On a narrow screen the weekly trend, the change and the response rate are left out here: open a touchpoint to see them.',
  colTouchpoint: 'Touchpoint',
  colScore: 'Score',
  colInterval: '95 % interval',
  colAnswers: 'Answers',
  colTrend: 'Weekly trend',
  colChange: (days: string) => `Change vs the ${days} days before`,

  measureShort: { nps: 'NPS', csat: 'CSAT', ces7: 'CES', ces5: 'CES (1–5)' } satisfies Record<
    MeasureKey,
    string
  >,
  measureLong: {
    nps: 'Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to +100.',
    csat: 'Customer satisfaction: % who answered 4 or 5 (satisfied) on a 1–5 scale.',
    ces7: 'Customer effort: average agreement that it was easy, 1 to 7. Higher means easier.',
    ces5: 'Customer effort, 5-point version: average agreement that it was easy, 1 to 5. Higher means easier.',
  } satisfies Record<MeasureKey, string>,
  scoreOutOf: (max: string) => `of ${max}`,
  satisfiedSuffix: 'satisfied',
  responseRate: (rate: string) => `${rate} answered when asked`,
  csatMean: (mean: string) => `average ${mean} of 5`,
  cesAgree: (share: string) => `${share} found it easy`,
  npsBreakdown: (promoters: string, passives: string, detractors: string) =>
    `${promoters} ${one(promoters) ? 'promoter' : 'promoters'}, ${passives} ${one(passives) ? 'passive' : 'passives'}, ${detractors} ${one(detractors) ? 'detractor' : 'detractors'}`,
  smallSample: (n: string) =>
    `Only ${n} ${one(n) ? 'answer' : 'answers'}. With fewer than 30 the score can swing a lot by chance: treat it as a first hint.`,
  noAnswers: 'No answers yet',
  intervalRange: (low: string, high: string) => `${low} to ${high}`,
  noInterval: `fewer than ${MIN_INTERVAL_N} answers: too few for an interval`,

  badgeLowest: (measure: string) => `Lowest ${measure}`,
  badgeClearlyLowest: (measure: string) => `Clearly lowest ${measure}`,
  badgeMostChanged: 'Most changed',
  changeUp: (difference: string) => `Up ${difference}`,
  changeDown: (difference: string) => `Down ${difference}`,
  changeFlat: 'No change',
  changeReal: 'real change (significant at 95 %)',
  changeChance: 'could be chance (not significant)',
  changeNone: 'Nothing to compare with',
  units: {
    nps: 'points',
    csat: 'percentage points',
    ces7: 'points',
    ces5: 'points',
  } satisfies Record<MeasureKey, string>,

  highlightsTitle: 'What stands out',
  highlightLowest: (measure: string) => `Lowest ${measure}`,
  highlightClearly: 'Its whole 95 % interval is below every other touchpoint’s.',
  highlightNotClearly: 'Intervals overlap, so the order could be chance.',
  highlightChange: (measure: string) => `Biggest real change in ${measure}`,
  highlightNoChange: 'No touchpoint changed significantly compared with the period before.',
  highlightNothingToRank:
    'Every measure has a single touchpoint with answers, so there is nothing to rank yet.',
  howMarked:
    'How touchpoints are marked: “lowest” only compares touchpoints that use the same measure, because NPS, CSAT and CES use different scales. “Clearly lowest” means its whole 95 % interval lies below every other touchpoint’s interval. “Most changed” is the largest change within a measure that is significant at 95 %; a change that could be chance is never marked.',

  bands: {
    detractor: 'Detractors',
    passive: 'Passives',
    promoter: 'Promoters',
    unsatisfied: 'Unsatisfied',
    neutral: 'Neutral',
    satisfied: 'Satisfied',
    disagree: 'Found it hard',
    agree: 'Found it easy',
  } satisfies Record<Band, string>,
  band: {
    detractor: 'Detractor',
    passive: 'Passive',
    promoter: 'Promoter',
    unsatisfied: 'Unsatisfied',
    neutral: 'Neutral',
    satisfied: 'Satisfied',
    disagree: 'Found it hard',
    agree: 'Found it easy',
  } satisfies Record<Band, string>,

  errorBarLabel: (measure: string, score: string, interval: string, min: string, max: string) =>
    `${measure} ${score}, 95 % interval ${interval}, on a scale from ${min} to ${max}`,
  errorBarEmpty: (measure: string) => `${measure}: no answers`,
  sparklineLabel: (points: string) => `Weekly scores: ${points}`,
  sparklineEmpty: 'No weekly scores yet',
  sparklinePoint: (week: string, score: string) => `week of ${week}: ${score}`,
  sparklineNoScore: (week: string) => `week of ${week}: no answers`,

  backToOverview: 'All touchpoints',
  touchpointMissing: 'No answers for this touchpoint in this date range and segment.',
  cardScore: 'Score',
  cardInterval: '95 % interval',
  cardAnswers: 'Answers',
  cardDetails: 'Details',
  intervalExplain: 'With 95 % confidence the true score lies in this range.',
  noIntervalExplain: `An interval needs at least ${MIN_INTERVAL_N} answers: with fewer, the score is a first hint only.`,

  distributionTitle: 'Answers by score',
  distributionLabel: (measure: string, n: string, bands: string) =>
    `Bar chart of ${n} ${measure} answers by the score given. ${bands}`,
  distributionBand: (band: string, count: string, share: string) => `${band}: ${count} (${share})`,
  showTable: 'Show as a table',
  colScoreGiven: 'Score given',
  colShare: 'Share',
  colBand: 'Group',

  trendTitle: 'Trend',
  trendByDay: 'By day',
  trendByWeek: 'By week',
  trendLabel: (measure: string, count: string) =>
    `Line chart of ${measure} over ${count} periods, with the 95 % interval as a shaded band. Use the left and right arrow keys to read each point.`,
  trendHint: 'Shaded band: 95 % interval. Hollow point: fewer than 30 answers.',
  trendEmpty: 'No answers in this range.',
  trendPoint: (period: string, score: string, interval: string, n: string) =>
    `${period}: ${score} (95 % interval ${interval}), ${n} answers`,
  trendPointEmpty: (period: string) => `${period}: no answers`,
  trendPickPoint: 'Move over the chart, or focus it and use the arrow keys, to read a point.',
  weekOf: (day: string) => `Week of ${day}`,
  colPeriod: 'Period',
  colNote: 'Note',
  fewAnswers: 'fewer than 30 answers',

  compareTitle: 'Compare periods',
  compareModeLabel: 'What to compare',
  comparePrevious: (days: string) => `This range against the ${days} days before`,
  compareCustom: 'Two ranges of my choice',
  comparePeriodA: 'Period A',
  comparePeriodB: 'Period B',
  compareRun: 'Compare',
  compareHigher: (measure: string, difference: string, a: string, b: string) =>
    `${measure} was ${difference} higher in ${a} than in ${b}.`,
  compareLower: (measure: string, difference: string, a: string, b: string) =>
    `${measure} was ${difference} lower in ${a} than in ${b}.`,
  compareSame: (measure: string, a: string, b: string) => `${measure} was the same in ${a} and in ${b}.`,
  compareInterval: (low: string, high: string, unit: string) =>
    `95 % interval of the difference: ${low} to ${high} ${unit}.`,
  compareSignificant: 'Significant at 95 %: a difference this large is unlikely to be chance.',
  compareNotSignificant: 'Not significant at 95 %: this difference could be chance. More answers would tell.',
  compareImpossible: 'These periods cannot be compared: one of them has no answers.',
  compareImpossibleCes: 'These periods cannot be compared: CES needs at least 2 answers in each.',

  segmentsTitle: 'By segment',
  segmentsBy: 'Break down by',
  segmentBy: { device: 'Device', locale: 'Language', path: 'Page', channel: 'Channel' },
  channels: { web: 'Website', link: 'Link', email: 'E-mail', qr: 'QR code' },
  channelsTitle: 'Per channel',
  channelsNotComparable: (a: string, b: string) =>
    `${a} and ${b} cannot be compared yet: one of them has too few answers.`,
  colSegment: 'Segment',
  colResponseRate: 'Response rate',
  segmentsEmpty: 'No answers in this range.',

  pagesLabel: 'Pages',
  inboxTitle: 'Follow-up inbox',
  inboxIntro:
    'Answers that need a follow-up. Thank or answer the customer outside Touchpoint, then mark the item here: customers give a company less than a week.',
  inboxStatus: { open: 'Open', contacted: 'Contacted', resolved: 'Resolved' },
  inboxStatusLabel: 'Status',
  inboxOldestOpen: 'Oldest open item',
  inboxWeekNote: 'Customers give a company less than a week.',
  inboxMedian: 'Median time to first follow-up',
  inboxNone: '—',
  inboxDays: (n: string) => `${n} ${one(n) ? 'day' : 'days'}`,
  inboxHours: (n: string) => `${n} hours`,
  inboxOpenPer: 'Open per touchpoint:',
  inboxShow: 'Show',
  inboxEmpty: 'No items with this status in this date range.',
  inboxAnonymous: 'Anonymous visitor',
  inboxNote: 'Note',
  inboxAssignee: 'Assignee',
  inboxFollowUp: 'Follow up',
  inboxSave: 'Save',
  inboxHistory: 'History',
  inboxKind: { opened: 'Answer arrived', answer_changed: 'Answer changed', updated: 'Marked' },
  inboxOtherAnswers: 'Other answers of this visitor',
  inboxConflict: 'Someone changed this item meanwhile. It was read again: check it and save again.',
  atRiskTitle: 'Customers at risk',
  atRiskIntro: (range: string) =>
    `Identified customers whose latest answer from ${range} needs a follow-up, or fell sharply; the lowest first.`,
  atRiskEmpty: 'No identified customer is at risk in this date range.',
  atRiskBand: 'Latest answer needs a follow-up',
  atRiskDrop: (percent: string) => `Fell ${percent} % of the scale`,
  atRiskOpen: (n: string) => `${n} open ${one(n) ? 'item' : 'items'}`,
  attributeFilter: 'Customer attribute',
  attributeAny: 'All customers',
  attributeHint:
    'Answers of identified customers with this attribute. On its own: no device, language or page.',
  attributeAlone:
    'A customer attribute filter stands on its own: clear the device, language and page, or choose all customers.',
  segmentsWithAttribute:
    'Breakdowns are not available while a customer attribute is chosen: choose all customers to see them.',
  journeyTitle: 'Journeys',
  journeyIntro: (range: string) => `The touchpoints in the order the customer meets them, ${range}.`,
  journeyPick: 'Journey',
  journeyNone:
    'The survey config declares no journey. Add "journeys" to it: ordered stages, each with its touchpoints.',
  journeyStage: (n: string) => `Stage ${n}`,
  journeyStageEmpty: 'No answers in this range.',
  journeyWeakest: (measure: string) => `Weakest stage (${measure})`,
  journeyNoWeakest: 'No stage is clearly the weakest in this range.',
  journeyHowMarked:
    'A stage is marked weakest only when one of its touchpoints scores clearly lowest of its measure in this journey: its whole 95 % interval lies below that of every other touchpoint with the same measure. Different measures are never compared.',
  journeyChange: 'Change vs the same number of days before',
  journeyAnswers: (n: string) => `${n} ${one(n) ? 'answer' : 'answers'}`,
  verbatimsTitle: 'What people wrote',
  customerLabel: 'Customer',
  verbatimsFilter: 'Show',
  bandAll: 'All',
  verbatimsEmpty: 'No written answers match.',
  verbatimsMore: 'Show more',
  verbatimsCount: (n: string) => `${n} written ${one(n) ? 'answer' : 'answers'} shown, newest first.`,
  verbatimScore: (band: string, score: string) => `${band}, score ${score}`,
};

export type Messages = typeof en;
