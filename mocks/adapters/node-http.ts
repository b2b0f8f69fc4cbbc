/**
 * The native Node HTTP adapter: translates `http.IncomingMessage` to a MockRequest, lets the
 * engine (vendors) or the control API answer, and writes the MockResponse. No framework, no MSW.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../core/engine.ts';
import type { ClientPresence, MockRequest, MockResponse } from '../core/types.ts';
import { createApp } from '../app/create-app.ts';
import { cardmockError } from '../core/cardmock-error.ts';
import { dashboard } from '../control/dashboard.ts';
import { isLoopback, networkGuard } from './control-guard.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** How long a client may take, and how many may be connected at once. */
export interface ServerLimits {
  /** Until the request's headers are complete. */
  headersTimeoutMs: number;
  /** Until the whole request, body included, is received (a delay that follows does not count). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Connections at once; beyond, new connections are closed at once. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 };

export interface ServerOptions extends Partial<ServerLimits> {
  engine: Engine;
  port?: number;
  host?: string;
  /** One line per request (method, path, status, ms); silent when omitted. */
  log?: (line: string) => void;
  /** Required by every control request when set; required to listen on a non-loopback interface. */
  controlToken?: string;
  /**
   * false: behave like a vendor's sandbox — no control API or dashboard, and the x-cardmock-*
   * request headers (session, fault, delay) are ignored, so every client shares one state.
   */
  control?: boolean;
  /** Host names the control API and dashboard answer besides loopback names and IP literals. */
  allowHosts?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  /** Stop accepting connections, let requests in flight finish, then close idle connections. */
  close(): Promise<void>;
}

export const MAX_HEADER_BYTES = 16 * 1024;
/** How long `close()` waits for requests in flight. */
export const CLOSE_GRACE_MS = 10_000;

const PARSE_ERRORS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: `headers are larger than ${MAX_HEADER_BYTES} bytes`,
  HPE_INVALID_HEADER_TOKEN: 'a header name is invalid',
  HPE_INVALID_METHOD: 'the method is invalid',
  HPE_INVALID_URL: 'the URL is invalid',
};

/**
 * A request Node cannot parse (oversized or malformed headers) would get Node's bare 400/431. When
 * the request line names a vendor, answer its documented 400 in its envelope instead.
 */
function answerUnparsable(engine: Engine, error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: import('node:stream').Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    // Node does not say which request timed out (its line may not even be complete): cardmock answers.
    const payload = JSON.stringify(cardmockError(408, 'REQUEST_TIMEOUT', 'the request was not received in time').body);
    socket.end(`HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\nconnection: close\r\n\r\n${payload}`);
    return;
  }
  const path = /^[A-Z]+ (\/[^\s?]*)/.exec(error.rawPacket?.toString('latin1') ?? '')?.[1] ?? '/';
  const vendor = engine.vendor(path.split('/')[1] ?? '');
  const message = PARSE_ERRORS[error.code ?? ''] ?? 'the request could not be parsed';
  const response: MockResponse = vendor
    ? vendor.reject('invalid', [{ in: 'header', field: 'headers', message }])
    : cardmockError(400, 'BAD_REQUEST', message);
  const payload = JSON.stringify(response.body ?? {});
  const head = [`HTTP/1.1 ${response.status} ${http.STATUS_CODES[response.status] ?? ''}`, ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`), `content-length: ${Buffer.byteLength(payload)}`, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${payload}`);
}

export function createRequestListener(options: ServerOptions): http.RequestListener {
  const { engine, log } = options;
  const app = createApp({
    engine,
    ...(options.control === false ? { control: false } : {}),
    guard: networkGuard({ controlToken: options.controlToken, allowHosts: [...(options.allowHosts ?? []), ...(options.host ? [options.host] : [])] }),
    dashboard,
    onError: (error, request) => log?.(`${request.method} ${request.path} 500 internal error: ${error instanceof Error ? error.message : String(error)}`),
  });
  return (req, res) => {
    const started = performance.now();
    const client = presenceOf(res);
    readBody(req).then(
      async ({ body, bodyError }) => {
        const request = mockRequestOf(req, { body, bodyError, client });
        const response = await app.handle(request);
        if (client.gone) {
          log?.(`${request.method} ${request.path} client went away, nothing changed`);
          return;
        }
        write(res, response);
        log?.(`${request.method} ${request.path} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
      },
    ).catch(() => res.destroy()); // the client went away or timed out while sending: answered (408) or unanswerable
  };
}

function mockRequestOf(req: http.IncomingMessage, read: { body?: string; bodyError?: string; client: ClientPresence }): MockRequest {
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

/** The client going before its answer is written: a delayed request then changes nothing. */
function presenceOf(res: http.ServerResponse): ClientPresence {
  let gone = false;
  let listeners: Set<() => void> | undefined;
  res.once('close', () => {
    if (res.writableFinished) return;
    gone = true;
    listeners?.forEach((listener) => listener());
  });
  return {
    get gone() {
      return gone;
    },
    onGone(listener) {
      (listeners ??= new Set()).add(listener);
      return () => listeners!.delete(listener);
    },
  };
}

function write(res: http.ServerResponse, response: MockResponse): void {
  if (response.raw !== undefined) {
    // Node sends no body for HEAD, whatever is written.
    res.writeHead(response.status, response.headers).end(response.raw);
    return;
  }
  if (response.stream) {
    writeStream(res, response, response.stream);
    return;
  }
  const payload = response.body === undefined ? undefined : JSON.stringify(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  headers['content-length'] = payload === undefined ? 0 : Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** A large answer in pieces, waiting for the client to drain each: memory stays flat for slow readers. */
function writeStream(res: http.ServerResponse, response: MockResponse, stream: () => AsyncIterable<string>): void {
  res.writeHead(response.status, response.headers);
  (async () => {
    for await (const piece of stream()) {
      if (res.destroyed) return;
      if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  })().catch(() => res.destroy());
}

function readBody(req: http.IncomingMessage): Promise<{ body?: string; bodyError?: string }> {
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

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.controlToken) {
    throw Object.assign(new Error(`serving on ${host} exposes the control API: set a control token (--control-token)`), { code: 'CONTROL_TOKEN_REQUIRED' });
  }
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS };
  for (const key of Object.keys(limits) as (keyof ServerLimits)[]) if (options[key] !== undefined) limits[key] = options[key];
  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks time-outs only this often (30 s by default): a fraction of the shortest one.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    createRequestListener(options),
  );
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => answerUnparsable(options.engine, error, socket));
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Pending fault delays end now, so shutdown never waits out a 60 s delay.
        options.engine.cancelDelays();
        // Requests in flight finish; their keep-alive connections are closed as soon as they go
        // idle, and anything still open after the grace period is cut.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
