/**
 * @touchpoint/core/schema — every zod schema of the config and the wire contract, and the functions that validate
 * untrusted input with them. Written with zod/mini so a browser may validate where it must, at a measured cost.
 */

export {
  AttributeKeySchema,
  AttributesSchema,
  AttributeValueSchema,
  DeviceSchema,
  IdSchema,
  LocaleSchema,
  LocalizedTextSchema,
} from './config/common.schema';
export { GlobalFatigueSchema, SurveyFatigueSchema } from './config/fatigue.schema';
export { configJsonSchema } from './config/json-schema';
export { DisplaySchema, PLACEMENTS, ScheduleSchema, SurveySchema } from './config/survey.schema';
export { ATTRIBUTE_OPERATORS, AttributeConditionSchema, TargetingSchema } from './config/targeting.schema';
export { AppearanceSchema, TouchpointConfigSchema } from './config/touchpoint-config.schema';
export {
  ClickTriggerSchema,
  ElementVisibleTriggerSchema,
  EventTriggerSchema,
  ExitIntentTriggerSchema,
  PageViewTriggerSchema,
  RouteChangeTriggerSchema,
  ScrollDepthTriggerSchema,
  TimeOnPageTriggerSchema,
  TriggerSchema,
  URL_MATCHES,
  UrlFilterSchema,
  UrlRuleSchema,
} from './config/trigger.schema';
export {
  CesQuestionSchema,
  CsatQuestionSchema,
  FollowUpSchema,
  NpsQuestionSchema,
  QuestionSchema,
  ThankYouSchema,
} from './questions/question.schema';
export { SurveyHistorySchema, VisitorHistorySchema } from './rules/visitor-history.schema';
export { parseBatch, parseConfig, parseEvent, validate } from './validation/parse';
export { AckSchema, BatchSchema, ErrorBodySchema, ProblemSchema } from './wire/batch.schema';
export {
  AnswerSchema,
  CesAnswerSchema,
  CsatAnswerSchema,
  EventContextSchema,
  EventSchema,
  EventVisitorSchema,
  NpsAnswerSchema,
  TextAnswerSchema,
} from './wire/event.schema';
