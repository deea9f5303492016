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
  /** The secret of personal links; derived from the admin key when not set (see `channels/link-token.ts`). */
  readonly linkSecret?: string | undefined;
  readonly allowedOrigins: readonly string[];
  /** Visitor attributes stored but never shown (sites file `sensitiveAttributes`). */
  readonly sensitiveAttributes?: readonly string[] | undefined;
  /** Days raw events and texts are kept; undefined: for ever (see `retention.ts`). */
  readonly retentionDays?: number | undefined;
  /** Where the config came from, for messages. */
  readonly configPath: string;
  /** The config file's JSON as written (served by GET /v1/config), validated by core's `parseConfig`. */
  readonly configJson: unknown;
  /** The validated config, defaults filled in. */
  readonly config: TouchpointConfig;
}

/**
 * Every survey of a config as the store registers it: its metric (for the rollups), its touchpoint, and whether
 * and when it closes (for the check of incoming events).
 */
export function surveyKindsOf(config: TouchpointConfig): SurveyKind[] {
  return config.surveys.map((survey) => {
    const end = survey.schedule?.end;
    return {
      surveyId: survey.id,
      metric: survey.question.type,
      ...(survey.question.type === 'ces' ? { points: survey.question.points } : {}),
      touchpoint: survey.touchpoint,
      ...(survey.enabled === false ? { enabled: false } : {}),
      ...(end === undefined ? {} : { endsAt: Date.parse(end) }),
    };
  });
}
