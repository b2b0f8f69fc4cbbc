/**
 * `startServer`: the Node HTTP server around the request listener — limits and time-outs, answers
 * to requests Node cannot parse, and a graceful close.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppOptions } from '../app/create-app.ts';
import type { Engine } from '../core/engine.ts';
import { RULE_HEADER, type MockResponse } from '../core/types.ts';
import { rejection } from '../core/vendor.ts';
import { cardmockError } from '../core/cardmock-error.ts';
import { isLoopback } from './control-guard.ts';
import { createRequestListener } from './node-http.ts';

export const MAX_HEADER_BYTES = 16 * 1024;

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

export interface ServerOptions extends Partial<ServerLimits> {
  engine: Engine;
  port?: number;
  host?: string;
  /** One line per request (method, path, status, ms, and the rule of a vendor answer); silent when omitted. */
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
  /** Recordings answered before the mock (`serve --replay`; AppOptions.replay). */
  replay?: AppOptions['replay'];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  /** Stop accepting connections, let requests in flight finish, then close idle connections. */
  close(): Promise<void>;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 };

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
    ? rejection(vendor, 'invalid', [{ in: 'header', field: 'headers', message }], undefined, 'cardmock.request-unparsable')
    : cardmockError(400, 'BAD_REQUEST', message);
  const payload = JSON.stringify(response.body ?? {});
  const headers = { ...response.headers, ...(response.rule !== undefined ? { [RULE_HEADER]: response.rule } : {}) };
  const head = [`HTTP/1.1 ${response.status} ${http.STATUS_CODES[response.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `content-length: ${Buffer.byteLength(payload)}`, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${payload}`);
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
