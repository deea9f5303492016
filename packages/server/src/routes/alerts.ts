/**
 * The alert routes on the admin router (admin key only):
 *
 * - `POST /v1/admin/alerts` — create a rule; 201 with its `id` and signing `secret`
 * - `GET /v1/admin/alerts` — the site's rules (without secrets); `GET /v1/admin/alerts/{id}` — one, with its secret
 * - `PATCH /v1/admin/alerts/{id}` — change a rule (`enabled: true` re-enables one the server disabled)
 * - `DELETE /v1/admin/alerts/{id}` — delete it; its pending deliveries are cancelled
 * - `POST /v1/admin/alerts/{id}/test` — queue a test alert; 202 with the delivery id
 * - `GET /v1/admin/alerts/{id}/deliveries` — the latest deliveries, each with every attempt
 * - `POST /v1/admin/alerts/{id}/deliveries/{deliveryId}/resend` — send a delivery again (same delivery id)
 *
 * A destination is refused (400 `alert_target_private`) when its host is, or resolves to, a private or loopback
 * address, unless the server runs with `--allow-private-alert-targets`; the delivery checks again on every attempt.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { validate } from '@touchpoint/core/schema';
import type { Context } from 'hono';
import type { AddressPolicy } from '../alerts/address-policy';
import { testAlert } from '../alerts/alert-payload';
import { ALERT_LIMITS, AlertRuleInputSchema, AlertRulePatchSchema } from '../alerts/alert-rule.schema';
import type { Lookup } from '../alerts/alert-transport';
import { errorBody } from '../http/error-body';
import { readJsonBody } from '../http/read-body';
import type { Clock, ServerLimits } from '../limits';
import type { AlertRule, Store } from '../store/store';
import type { AdminEnv, AdminRouter } from './admin';

export interface AlertRoutesOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly limits: ServerLimits;
  readonly randomBytes: (size: number) => Buffer;
  readonly permitted: AddressPolicy;
  readonly lookup: Lookup;
  /** The delivery worker, woken when a test alert or a resend is queued. */
  readonly wake: () => void;
  readonly log: (line: string) => void;
}

/** A rule as the API shows it; the secret only where asked. */
function show(rule: AlertRule, withSecret: boolean) {
  const { secret, site: _, ...rest } = rule;
  return withSecret ? { ...rest, secret } : rest;
}

export function registerAlertRoutes(admin: AdminRouter, options: AlertRoutesOptions): void {
  const { store, clock } = options;
  type C = Context<AdminEnv>;

  const invalid = (c: C, message: string, problems?: Parameters<typeof errorBody>[2]) =>
    c.json(errorBody('invalid_alert_rule', message, problems), 400);

  /** Why this destination is refused, or undefined when alerts may go there. */
  async function refusal(url: string): Promise<string | undefined> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) {
      return options.permitted(host)
        ? undefined
        : `${host} is a private or loopback address; alerts go there only when the server runs with --allow-private-alert-targets`;
    }
    let addresses: readonly { address: string }[];
    try {
      addresses = await options.lookup(host);
    } catch (error) {
      return `${host} does not resolve (${error instanceof Error ? error.message : String(error)})`;
    }
    const bad = addresses.find((a) => !options.permitted(a.address));
    if (bad !== undefined) {
      return `${host} is ${bad.address}, a private or loopback address; alerts go there only when the server runs with --allow-private-alert-targets`;
    }
    return undefined;
  }

  async function readBody(c: C): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
    const body = await readJsonBody(c.req.raw, options.limits);
    if (!body.ok) return { ok: false, response: c.json(errorBody(body.code, body.message), body.status) };
    return { ok: true, value: body.value };
  }

  const unavailable = (c: C, error: unknown) => {
    options.log(`[touchpoint] alerts: ${error instanceof Error ? error.message : String(error)}`);
    return c.json(
      errorBody('store_unavailable', 'The alert rules could not be read or written; try again.'),
      503,
      {
        'Retry-After': '10',
      },
    );
  };
  const notFound = (c: C, id: string) =>
    c.json(errorBody('alert_rule_not_found', `This site has no alert rule ${id}.`), 404);

  admin.post('/alerts', async (c) => {
    const site = c.get('site');
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = validate(AlertRuleInputSchema, body.value);
    if (!parsed.ok) {
      const count = parsed.problems.length;
      return invalid(
        c,
        `The rule has ${count} problem${count === 1 ? '' : 's'}: ${parsed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        parsed.problems,
      );
    }
    const input = parsed.value;
    const refused = await refusal(input.url);
    if (refused !== undefined) return c.json(errorBody('alert_target_private', refused), 400);
    try {
      if ((await store.countAlertRules(site.id)) >= ALERT_LIMITS.rulesPerSite) {
        return c.json(
          errorBody(
            'too_many_alert_rules',
            `A site has at most ${ALERT_LIMITS.rulesPerSite} alert rules; delete one first.`,
          ),
          409,
        );
      }
      const now = clock.now();
      const rule: AlertRule = {
        id: `al_${options.randomBytes(12).toString('base64url')}`,
        site: site.id,
        url: input.url,
        format: input.format,
        touchpoints: input.touchpoints ?? null,
        bands: (input.bands as AlertRule['bands']) ?? null,
        hasText: input.hasText ?? false,
        identifiedOnly: input.identifiedOnly ?? false,
        instant: input.instant ?? true,
        digest: input.digest ?? false,
        secret: `whsec_${options.randomBytes(24).toString('base64url')}`,
        enabled: true,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await store.createAlertRule(rule);
      return c.json(show(rule, true), 201, { Location: `/v1/admin/alerts/${rule.id}` });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.get('/alerts', async (c) => {
    try {
      const rules = await store.alertRules(c.get('site').id);
      return c.json({ alerts: rules.map((rule) => show(rule, false)) });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.get('/alerts/:id', async (c) => {
    try {
      const [rule] = await store.alertRules(c.get('site').id, c.req.param('id'));
      return rule === undefined ? notFound(c, c.req.param('id')) : c.json(show(rule, true));
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.patch('/alerts/:id', async (c) => {
    const site = c.get('site');
    const id = c.req.param('id');
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = validate(AlertRulePatchSchema, body.value);
    if (!parsed.ok) {
      return invalid(
        c,
        `The change has problems: ${parsed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        parsed.problems,
      );
    }
    const changes = parsed.value;
    if (changes.url !== undefined) {
      const refused = await refusal(changes.url);
      if (refused !== undefined) return c.json(errorBody('alert_target_private', refused), 400);
    }
    try {
      const [current] = await store.alertRules(site.id, id);
      if (current === undefined) return notFound(c, id);
      if ((changes.instant ?? current.instant) === false && (changes.digest ?? current.digest) === false) {
        return invalid(c, 'A rule sends instant alerts, a daily digest or both: both cannot be false.');
      }
      const updated = await store.updateAlertRule(
        site.id,
        id,
        {
          ...(changes.url === undefined ? {} : { url: changes.url }),
          ...(changes.format === undefined ? {} : { format: changes.format }),
          ...(changes.touchpoints === undefined ? {} : { touchpoints: changes.touchpoints }),
          ...(changes.bands === undefined ? {} : { bands: changes.bands as AlertRule['bands'] }),
          ...(changes.hasText === undefined ? {} : { hasText: changes.hasText }),
          ...(changes.identifiedOnly === undefined ? {} : { identifiedOnly: changes.identifiedOnly }),
          ...(changes.instant === undefined ? {} : { instant: changes.instant }),
          ...(changes.digest === undefined ? {} : { digest: changes.digest }),
          ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
        },
        clock.now(),
      );
      if (updated === undefined) return notFound(c, id);
      if (changes.enabled === true) options.wake();
      return c.json(show(updated, false));
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.delete('/alerts/:id', async (c) => {
    try {
      const deleted = await store.deleteAlertRule(c.get('site').id, c.req.param('id'), clock.now());
      return deleted ? c.body(null, 204) : notFound(c, c.req.param('id'));
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.post('/alerts/:id/test', async (c) => {
    const site = c.get('site');
    try {
      const id = randomUUID();
      const queued = await store.enqueueAlert({
        id,
        site: site.id,
        ruleId: c.req.param('id'),
        kind: 'test',
        payload: { ...testAlert(site.id) },
        now: clock.now(),
      });
      if (!queued) return notFound(c, c.req.param('id'));
      options.wake();
      return c.json({ deliveryId: id }, 202);
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.get('/alerts/:id/deliveries', async (c) => {
    const site = c.get('site');
    const id = c.req.param('id');
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > ALERT_LIMITS.deliveriesListed) {
      return c.json(
        errorBody(
          'invalid_parameters',
          `limit must be a whole number from 1 to ${ALERT_LIMITS.deliveriesListed}, received "${limitText}"`,
        ),
        400,
      );
    }
    try {
      const [rule] = await store.alertRules(site.id, id);
      if (rule === undefined) return notFound(c, id);
      return c.json({ deliveries: await store.alertDeliveries(site.id, id, limit) });
    } catch (error) {
      return unavailable(c, error);
    }
  });

  admin.post('/alerts/:id/deliveries/:deliveryId/resend', async (c) => {
    const site = c.get('site');
    try {
      const resent = await store.resendAlertDelivery(
        site.id,
        c.req.param('id'),
        c.req.param('deliveryId'),
        clock.now(),
      );
      if (!resent) {
        return c.json(
          errorBody(
            'delivery_not_found',
            `The rule ${c.req.param('id')} has no delivery ${c.req.param('deliveryId')}.`,
          ),
          404,
        );
      }
      options.wake();
      return c.json({ deliveryId: c.req.param('deliveryId'), status: 'pending' }, 202);
    } catch (error) {
      return unavailable(c, error);
    }
  });
}
