/**
 * Translation between Node's `http` objects and cardmock's transport-free request and response:
 * the body (size cap, UTF-8), the client's presence, and writing JSON, streamed or raw answers.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ClientPresence, MockRequest, MockResponse } from '../core/types.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export function mockRequestOf(req: http.IncomingMessage, read: { body?: string; bodyError?: string; client: ClientPresence }): MockRequest {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? target : target.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
    headers: req.headers as Record<string, string | undefined>,
    ...(read.body !== undefined ? { body: read.body } : {}),
    ...(read.bodyError !== undefined ? { bodyError: read.bodyError } : {}),
    client: read.client,
    ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}),
  };
}

/**
 * The client going before its answer is written: a delayed request then changes nothing. Read from
 * the connection when asked (a destroyed socket is a client gone), not listened for on every
 * request: only a request that waits (a fault delay) listens, to the socket's 'close', for as long
 * as it waits. The presence holds the connection's socket, never the request's response: when it
 * held the response, every response survived into the old generation with the request (3× the
 * garbage-collection time and a third fewer requests per second).
 */
export function presenceOf(socket: Socket): ClientPresence {
  return new SocketPresence(socket);
}

class SocketPresence implements ClientPresence {
  readonly #socket: Socket;
  constructor(socket: Socket) {
    this.#socket = socket;
  }
  get gone(): boolean {
    return this.#socket.destroyed;
  }
  onGone(listener: () => void): () => void {
    const socket = this.#socket.once('close', listener);
    return () => socket.off('close', listener);
  }
}

/** `stallMs`: how long a streamed answer waits for its reader to take the next piece before it is cut. */
export function write(res: http.ServerResponse, response: MockResponse, stallMs = 30_000): void {
  if (response.raw !== undefined) {
    // Node sends no body for HEAD, whatever is written.
    res.writeHead(response.status, response.headers).end(response.raw);
    return;
  }
  if (response.stream) {
    writeStream(res, response, response.stream, stallMs);
    return;
  }
  const payload = response.body === undefined ? undefined : JSON.stringify(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  headers['content-length'] = payload === undefined ? 0 : Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/**
 * A large answer in pieces, waiting for the client to drain each: memory stays flat for slow
 * readers, and a reader that takes nothing for `stallMs` is cut, so it holds the stream no longer.
 */
function writeStream(res: http.ServerResponse, response: MockResponse, stream: () => AsyncIterable<string>, stallMs: number): void {
  res.writeHead(response.status, response.headers);
  (async () => {
    for await (const piece of stream()) {
      if (res.destroyed) return;
      if (!res.write(piece) && !(await drained(res, stallMs))) {
        res.destroy();
        return;
      }
    }
    res.end();
  })().catch(() => res.destroy());
}

/** Whether the client took what was written within `ms` (false: it went away, or stalled). */
function drained(res: http.ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain).off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    res.on('drain', onDrain).on('close', onClose);
  });
}

export function readBody(req: http.IncomingMessage): Promise<{ body?: string; bodyError?: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return resolve({ bodyError: `is larger than ${MAX_BODY_BYTES} bytes` });
      if (size === 0) return resolve({});
      try {
        resolve({ body: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        resolve({ bodyError: 'is not valid UTF-8' });
      }
    });
    req.on('error', reject);
  });
}

