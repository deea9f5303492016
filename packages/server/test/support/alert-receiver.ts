/**
 * A real HTTP receiver of alerts on 127.0.0.1: it records every request (headers, raw body, time) and answers
 * each one as the test's `answer` function says — a status (with headers), or `'hang'` (never answers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpHandle, listen } from '@touchpoint/testkit';

export interface ReceivedAlert {
  readonly deliveryId: string;
  readonly signature: string;
  readonly contentType: string;
  readonly body: string;
  readonly path: string;
  readonly at: number;
  /** What the receiver answered. */
  answered: number | 'hang';
}

export type Answer = number | 'hang' | { status: number; headers?: Record<string, string>; delayMs?: number };

export interface AlertReceiver {
  readonly url: string;
  readonly received: ReceivedAlert[];
  /** Requests answered 2xx, by delivery id. */
  acknowledged(): Map<string, ReceivedAlert[]>;
  /** Resolves once `predicate` holds (checked on every request), or rejects after `timeoutMs`. */
  until(predicate: (received: readonly ReceivedAlert[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startAlertReceiver(
  answer: (request: ReceivedAlert, attemptOfDelivery: number) => Answer = () => 200,
): Promise<AlertReceiver> {
  const received: ReceivedAlert[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  const handle: HttpHandle = await listen((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedAlert = {
        deliveryId: String(req.headers['touchpoint-delivery'] ?? ''),
        signature: String(req.headers['touchpoint-signature'] ?? ''),
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '/',
        at: Date.now(),
        answered: 0,
      };
      const attempt = received.filter((r) => r.deliveryId === request.deliveryId).length + 1;
      const decision = answer(request, attempt);
      request.answered =
        decision === 'hang' ? 'hang' : typeof decision === 'number' ? decision : decision.status;
      received.push(request);
      if (decision === 'hang') hanging.add(res);
      else if (typeof decision === 'number') res.writeHead(decision).end(decision === 200 ? 'ok' : 'no');
      else {
        const send = () => res.writeHead(decision.status, decision.headers ?? {}).end('no');
        if (decision.delayMs === undefined) send();
        else setTimeout(send, decision.delayMs);
      }
      for (const wake of waiters) wake();
    });
  });
  return {
    url: handle.url,
    received,
    acknowledged() {
      const out = new Map<string, ReceivedAlert[]>();
      for (const r of received) {
        if (typeof r.answered === 'number' && r.answered >= 200 && r.answered < 300) {
          out.set(r.deliveryId, [...(out.get(r.deliveryId) ?? []), r]);
        }
      }
      return out;
    },
    until(predicate, timeoutMs = 30_000) {
      if (predicate(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `the receiver did not see what was expected within ${timeoutMs} ms (${received.length} requests)`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      await handle.close();
    },
  };
}
