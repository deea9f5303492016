/**
 * @touchpoint/core — the logic entry. No zod at runtime: schemas live behind `@touchpoint/core/schema`, and this
 * entry only imports their types, so a browser bundle that scores or decides pays nothing for validation.
 */

export type { Attributes, AttributeValue } from './config/common.schema';
export { type ConfigChange, describeChange, diffConfigs, shortJson } from './config/config-diff';
export { DEVICES, type Device } from './config/devices';
export type { GlobalFatigue, SurveyFatigue } from './config/fatigue.schema';
export { LIMITS } from './config/limits';
export type { FollowUpBands, Journey, JourneyStage } from './config/loop.schema';
export { FOLLOW_UP_DEFAULTS, OTHER_SEGMENT_VALUE, SEGMENT_ATTRIBUTE_LIMITS } from './config/loop-limits';
export type { Display, Placement, Schedule, Survey, SurveyInput } from './config/survey.schema';
export type { AttributeCondition, AttributeOperator, Targeting } from './config/targeting.schema';
export type { Appearance, TouchpointConfig, TouchpointConfigInput } from './config/touchpoint-config.schema';
export type { Trigger, TriggerType, UrlFilter, UrlRule } from './config/trigger.schema';
export { isTouchpointError, ScoreRangeError, TallyMismatchError, TouchpointError } from './errors';
export { type LocalizedText, resolveText } from './questions/localized-text';
export {
  BANDS,
  type Band,
  bandOf,
  CES_BANDS,
  CES_SCALE,
  CES5_SCALE,
  type CesBand,
  type CesPoints,
  CSAT_BANDS,
  CSAT_SCALE,
  type CsatBand,
  isOnScale,
  METRICS,
  type Metric,
  NPS_BANDS,
  NPS_SCALE,
  type NpsBand,
  type Scale,
  scaleOf,
} from './questions/metric';
export type {
  CesQuestion,
  CsatQuestion,
  FollowUp,
  NpsQuestion,
  Question,
  ThankYou,
} from './questions/question.schema';
export {
  BUILT_IN_LOCALES,
  type BuiltInLocale,
  builtInLocale,
  DEFAULT_WORDING,
  defaultQuestionWording,
  type QuestionWording,
  type SurveyWording,
} from './questions/wording';
export {
  type AtRiskCustomer,
  type AtRiskResponse,
  INBOX_STATUSES,
  type InboxHistoryEntry,
  type InboxItem,
  type InboxItemResponse,
  type InboxResponse,
  type InboxStatus,
  type InboxSummary,
  type OtherAnswer,
} from './results/inbox-api';
export type {
  AttributesResponse,
  ComparedSide,
  CompareResponse,
  Customer,
  ExportKind,
  JourneyRef,
  JourneyResponse,
  JourneyStageResult,
  OverviewResponse,
  OverviewRow,
  ResponseAnswer,
  ResponseDetail,
  ResultsFilter,
  SegmentsResponse,
  TrendPoint,
  TrendResponse,
  Verbatim,
  VerbatimsResponse,
} from './results/results-api';
export {
  type DisplayContext,
  type DisplayDecision,
  type DisplayInput,
  evaluateDisplay,
  type Reason,
  RULES,
  type RuleName,
} from './rules/display';
export { explainReason } from './rules/explain-reason';
export { DAY_MS } from './rules/fatigue';
export { type Selection, selectSurvey } from './rules/priority';
export type { Check, Finding, ReasonCode, ReasonFacts } from './rules/reason';
export { fnv1a32, sampleBucket } from './rules/sampling';
export {
  describeOccurrence,
  describeTrigger,
  occurrenceFires,
  type TriggerOccurrence,
} from './rules/trigger-match';
export {
  checkUrlFilter,
  describeUrlRule,
  globToRegExp,
  matchesSubject,
  matchesUrlRule,
  pathOf,
} from './rules/url-match';
export {
  emptyHistory,
  HISTORY_TIMES_KEPT,
  recordInHistory,
  startSession,
  surveyHistory,
} from './rules/visitor-history';
export type { SurveyHistory, VisitorHistory } from './rules/visitor-history.schema';
export type { CesSummary } from './scoring/ces';
export { type Comparison, compareTallies } from './scoring/compare';
export type { CsatSummary } from './scoring/csat';
export {
  type Interval,
  npsAdjustedWald,
  studentTQuantile,
  tInterval,
  wilson,
  Z95,
} from './scoring/intervals';
export type { NpsSummary } from './scoring/nps';
export { intervalFor, isSmallSample, MIN_INTERVAL_N, SMALL_SAMPLE } from './scoring/small-sample';
export {
  type AnswerContender,
  answerBeats,
  compareSummaryRows,
  type DisplayCounts,
  type SummarizeOptions,
  summarizeEvents,
  type TouchpointSummary,
  touchpointRow,
} from './scoring/summarize-events';
export { type ScoreSummary, summarizeTally } from './scoring/summarize-tally';
export {
  addToTally,
  createTally,
  distributionOf,
  mergeTallies,
  moments,
  type Tally,
  tallyOf,
  tallySize,
} from './scoring/tally';
export { describeIssues, describeValue, formatPath, type Problem } from './validation/problem';
export type { ValidationResult } from './validation/result';
export type { Ack, Batch, ErrorBody } from './wire/batch.schema';
export { CHANNELS, type Channel, channelOf, DEFAULT_CHANNEL } from './wire/channels';
export { contextPath } from './wire/context-path';
export type {
  Answer,
  CesAnswer,
  CsatAnswer,
  EventContext,
  EventVisitor,
  NpsAnswer,
  TextAnswer,
  WireEvent,
} from './wire/event.schema';
export { EVENT_TYPES, type EventType } from './wire/event-types';
export {
  MAX_BODY_BYTES,
  MAX_EVENT_AGE_MS,
  MAX_EVENTS_PER_BATCH,
  MAX_PATH_LENGTH,
  MAX_REQUEST_BYTES,
  WIRE_VERSION,
} from './wire/limits';
export type { EventSink } from './wire/sink';
export { timeOrderedUuid } from './wire/time-ordered-uuid';
