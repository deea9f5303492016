/**
 * The admin alerts API client (`/v1/admin/alerts…`), with the site's admin key (`ak_…`) in an
 * `Authorization: Bearer` header, never in the URL. `fetch` is passed in.
 */
import type { FetchLike } from './results-client';

export type AlertFormat = 'json' | 'slack';

export interface AlertRuleView {
  readonly id: string;
  readonly url: string;
  readonly format: AlertFormat;
  readonly touchpoints: readonly string[] | null;
  readonly bands: readonly string[] | null;
  readonly hasText: boolean;
  readonly identifiedOnly: boolean;
  readonly instant: boolean;
  readonly digest: boolean;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly createdAt: number;
  /** Only in the answer that created the rule, and from GET of one rule. */
  readonly secret?: string;
}

export interface AlertRuleInput {
  readonly url: string;
  readonly format: AlertFormat;
  readonly touchpoints?: readonly string[];
  readonly bands?: readonly string[];
  readonly hasText?: boolean;
  readonly identifiedOnly?: boolean;
  readonly instant?: boolean;
  readonly digest?: boolean;
}

export interface DeliveryView {
  readonly id: string;
  readonly kind: 'answer' | 'digest' | 'test';
  readonly status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  readonly attempts: number;
  readonly createdAt: number;
  readonly nextAt: number;
  readonly deliveredAt: number | null;
  readonly lastError: string | null;
  readonly attemptLog: readonly { at: number; statusCode: number | null; error: string | null }[];
}

/** A refused request: the HTTP status (0: the server was not reached) and the server's message. */
export class AlertsApiError extends Error {
  override name = 'AlertsApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type AlertsClient = ReturnType<typeof createAlertsClient>;

export function createAlertsClient(options: { fetch: FetchLike; key: string; baseUrl?: string }) {
  const base = `${options.baseUrl ?? ''}/v1/admin/alerts`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await options.fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new AlertsApiError(0, error instanceof Error ? error.message : String(error));
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (!response.ok) {
      throw new AlertsApiError(response.status, json?.error?.message ?? `HTTP ${response.status}`);
    }
    if (json === null) throw new AlertsApiError(-1, 'The server answered something that is not JSON.');
    return json;
  }
  return {
    list: () => call<{ alerts: AlertRuleView[] }>('GET', '').then((r) => r.alerts),
    create: (input: AlertRuleInput) => call<AlertRuleView & { secret: string }>('POST', '', input),
    update: (id: string, changes: Partial<AlertRuleInput> & { enabled?: boolean }) =>
      call<AlertRuleView>('PATCH', `/${encodeURIComponent(id)}`, changes),
    remove: (id: string) => call<void>('DELETE', `/${encodeURIComponent(id)}`),
    test: (id: string) => call<{ deliveryId: string }>('POST', `/${encodeURIComponent(id)}/test`),
    deliveries: (id: string) =>
      call<{ deliveries: DeliveryView[] }>('GET', `/${encodeURIComponent(id)}/deliveries?limit=20`).then(
        (r) => r.deliveries,
      ),
    resend: (id: string, deliveryId: string) =>
      call<unknown>('POST', `/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`),
  };
}
