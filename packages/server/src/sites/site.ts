import type { TouchpointConfig } from '@touchpoint/core';
import type { SurveyKind } from '../store/store';

/** A site the server serves, with its validated survey config. */
export interface Site {
  readonly id: string;
  readonly name: string;
  readonly publicKey: string;
  /** The results key `sk_…`. */
  readonly secretKey: string;
  /** The admin key `ak_…`; a site without one has no admin routes. */
  readonly adminKey?: string | undefined;
  readonly allowedOrigins: readonly string[];
  /** Visitor attributes stored but never shown (sites file `sensitiveAttributes`). */
  readonly sensitiveAttributes?: readonly string[] | undefined;
  /** Where the config came from, for messages. */
  readonly configPath: string;
  /** The config file's JSON as written (served by GET /v1/config), validated by core's `parseConfig`. */
  readonly configJson: unknown;
  /** The validated config, defaults filled in. */
  readonly config: TouchpointConfig;
}

/** The metric of every survey of a config, for the rollups. */
export function surveyKindsOf(config: TouchpointConfig): SurveyKind[] {
  return config.surveys.map((survey) =>
    survey.question.type === 'ces'
      ? { surveyId: survey.id, metric: 'ces', points: survey.question.points }
      : { surveyId: survey.id, metric: survey.question.type },
  );
}
