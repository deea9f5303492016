/**
 * `POST /v1/admin/simulate` (admin key only): would each survey show on this page for this visitor, and why —
 * core's display rules with the reasons in the words of the widget's debug mode (see `config/simulate.ts`).
 * Without `config` it decides on the published config; with one, on that config (422 with its problems when it
 * is not valid, the same words as a publish).
 */

import type { TouchpointConfig } from '@touchpoint/core';
import { parseConfig, validate } from '@touchpoint/core/schema';
import { simulate } from '../config/simulate';
import { SimulateRequestSchema } from '../config/simulate.schema';
import type { SiteConfigs } from '../config/site-configs';
import { errorBody } from '../http/error-body';
import { readJsonBody } from '../http/read-body';
import type { Clock } from '../limits';
import type { AdminRouter } from './admin';
import { ADMIN_BODY_BYTES } from './admin-config';

export function registerSimulateRoutes(
  admin: AdminRouter,
  deps: { readonly configs: SiteConfigs; readonly clock: Clock },
): void {
  admin.post('/simulate', async (c) => {
    const body = await readJsonBody(c.req.raw, {
      maxBodyBytes: ADMIN_BODY_BYTES,
      maxDecompressedBytes: 5 * ADMIN_BODY_BYTES,
    });
    if (!body.ok) return c.json(errorBody(body.code, body.message), body.status);
    const request = validate(SimulateRequestSchema, body.value);
    if (!request.ok) {
      const n = request.problems.length;
      return c.json(
        errorBody(
          'invalid_request',
          `The simulation request has ${n} problem${n === 1 ? '' : 's'}.`,
          request.problems,
        ),
        400,
      );
    }
    let config: TouchpointConfig;
    if (request.value.config === undefined) {
      config = (await deps.configs.published(c.get('site'))).config;
    } else {
      const parsed = parseConfig(request.value.config);
      if (!parsed.ok) {
        const n = parsed.problems.length;
        return c.json(
          errorBody(
            'invalid_config',
            `The config has ${n} problem${n === 1 ? '' : 's'}.`,
            parsed.problems.map((p) => ({ ...p, path: `config.${p.path}`, message: p.message })),
          ),
          422,
        );
      }
      config = parsed.value;
    }
    const { surveyId } = request.value;
    if (surveyId !== undefined && !config.surveys.some((s) => s.id === surveyId)) {
      return c.json(errorBody('survey_not_found', `The config has no survey "${surveyId}".`), 404);
    }
    return c.json(simulate(config, request.value, deps.clock.now()));
  });
}
