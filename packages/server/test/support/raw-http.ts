/**
 * Raw TCP clients for what fetch cannot do: lying lengths, chunked overshoot, slow headers and bodies, reading the
 * answer while still sending, and telling a delivered status from a reset.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RawConnection {
  readonly socket: Socket;
  write(data: string | Uint8Array): Promise<void>;
  /** The next complete response on this connection (by Content-Length), or an error if the socket closes first. */
  response(): Promise<RawResponse>;
  /** Resolves with how the socket ended: `closed` (FIN or our end) or `reset` (ECONNRESET / EPIPE). */
  readonly ended: Promise<'closed' | 'reset'>;
  close(): void;
}

export function rawConnect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let wake: (() => void) | undefined;
    let endedHow: 'closed' | 'reset' | undefined;
    const ended = new Promise<'closed' | 'reset'>((done) => {
      socket.on('error', (error: NodeJS.ErrnoException) => {
        endedHow = error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed';
      });
      socket.on('close', () => {
        endedHow ??= 'closed';
        done(endedHow);
        wake?.();
      });
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      wake?.();
    });
    socket.once('connect', () =>
      resolve({
        socket,
        ended,
        write: (data) =>
          new Promise((done) => {
            if (socket.destroyed) return done();
            socket.write(data, () => done());
          }),
        async response() {
          for (;;) {
            const end = buffer.indexOf('\r\n\r\n');
            if (end >= 0) {
              const head = buffer.subarray(0, end).toString('latin1').split('\r\n');
              const status = Number(head[0]?.split(' ')[1]);
              const headers: Record<string, string> = {};
              for (const line of head.slice(1)) {
                const colon = line.indexOf(':');
                headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
              }
              const length = Number(headers['content-length'] ?? 0);
              if (buffer.length >= end + 4 + length) {
                const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
                buffer = buffer.subarray(end + 4 + length);
                return { status, headers, body };
              }
            }
            if (endedHow !== undefined || socket.destroyed) {
              throw new Error(`the connection ended (${endedHow ?? 'destroyed'}) before a complete response`);
            }
            await new Promise<void>((done) => {
              wake = done;
            });
            wake = undefined;
          }
        },
        close: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
