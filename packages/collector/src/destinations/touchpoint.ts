/**
 * The reference server (the default destination): `POST {endpoint}/v1/events?site={siteKey}` with a core `Batch`
 * as `text/plain` JSON, acknowledged by core's `Ack`, refusals named by path in core's `ErrorBody`.
 */
import { isAck, isErrorBody, parseJson } from '../is-ack';
import { toJson } from '../to-json';
import type { HttpDestination, Refusal, Reply } from './destination';

export interface TouchpointDestinationOptions {
  /** Base URL of the reference server, e.g. `https://feedback.example.com`. */
  readonly endpoint: string;
  /** The site's public key. */
  readonly siteKey: string;
}

export function touchpointDestination({ endpoint, siteKey }: TouchpointDestinationOptions): HttpDestination {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/events?site=${encodeURIComponent(siteKey)}`;
  return {
    id: `touchpoint ${url}`,
    // A retry says so in the query string, never in a custom header (which would cost a preflight).
    request: (events, { attempt, sentAt }) => ({
      url: attempt > 0 ? `${url}&attempt=${attempt}` : url,
      body: toJson({ sentAt, events }),
    }),
    acknowledged: (reply: Reply) => reply.status >= 200 && reply.status < 300 && isAck(parseJson(reply.body)),
    refused(reply: Reply): Refusal[] {
      const body = parseJson(reply.body);
      if (!isErrorBody(body)) return [];
      // `events[3].answers[0].value` names the fourth event of the batch we sent.
      return (body.error.problems ?? []).flatMap((problem) => {
        const index = /^events\[(\d+)\]/.exec(problem.path)?.[1];
        return index === undefined ? [] : [{ index: Number(index), message: problem.message }];
      });
    },
  };
}
