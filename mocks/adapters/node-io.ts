/**
 * Translation between Node's `http` objects and cardmock's transport-free request and response:
 * the body (size cap, UTF-8), the client's presence, and writing JSON, streamed or raw answers.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ClientPresence, MockRequest, MockResponse } from '../core/types.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Every request has the same fields, in the same order (those it lacks are undefined): one object
 * shape for V8, and no object built and copied per optional field, as `...(x ? { x } : {})` does.
 */
export function mockRequestOf(req: http.IncomingMessage, read: BodyRead, client: ClientPresence): MockRequest {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? target : target.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
    headers: req.headers as Record<string, string | undefined>,
    body: read.body,
    bodyError: read.bodyError,
    client,
    remoteAddress: req.socket.remoteAddress,
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
  // Names and values in one flat list (Node takes it as it takes an object): no copy of the
  // headers object to add the length to.
  const head: (string | number)[] = [];
  for (const name in response.headers) head.push(name, response.headers[name]!);
  head.push('content-length', payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(response.status, head);
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

/** What was read of a request's body: its text, or why it is refused. */
export interface BodyRead {
  body?: string;
  bodyError?: string;
}

const NO_BODY: BodyRead = {};
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text (at most MAX_BODY_BYTES, valid UTF-8), handed to `done`; `failed` when the
 * client goes or times out while sending it. A request with neither Content-Length nor
 * Transfer-Encoding has no body (RFC 9112 §6.3): it is answered at once, without listening to its
 * stream, and Node discards its (empty) stream after the answer.
 */
export function readBody(req: http.IncomingMessage, done: (read: BodyRead) => void, failed: () => void): void {
  const { headers } = req;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) return done(NO_BODY);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => done(decoded(chunks, size)));
  req.on('error', failed);
}

function decoded(chunks: Buffer[], size: number): BodyRead {
  if (size > MAX_BODY_BYTES) return { bodyError: `is larger than ${MAX_BODY_BYTES} bytes` };
  if (size === 0) return NO_BODY;
  try {
    // A fatal decoder called without `stream` keeps no state between calls: one serves every request.
    return { body: utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)) };
  } catch {
    return { bodyError: 'is not valid UTF-8' };
  }
}
