/**
 * The native Node HTTP adapter: translates `http.IncomingMessage` to a MockRequest, lets the
 * engine (vendors) or the control API answer, and writes the MockResponse. No framework, no MSW.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../core/engine.ts';
import type { MockRequest, MockResponse } from '../core/types.ts';
import { CONTROL_PREFIX, createControlApi } from '../control/control-api.ts';
import { controlVerdict, isLoopback } from './control-guard.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The dashboard: one static page over the control API, no build step. */
const dashboard = readFileSync(new URL('../control/dashboard.html', import.meta.url));

export interface ServerOptions {
  engine: Engine;
  port?: number;
  host?: string;
  /** One line per request (method, path, status, ms); silent when omitted. */
  log?: (line: string) => void;
  /** Required by every control request when set; required to listen on a non-loopback interface. */
  controlToken?: string;
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
  const path = /^[A-Z]+ (\/[^\s?]*)/.exec(error.rawPacket?.toString('latin1') ?? '')?.[1] ?? '/';
  const vendor = engine.vendor(path.split('/')[1] ?? '');
  const message = PARSE_ERRORS[error.code ?? ''] ?? 'the request could not be parsed';
  const response: MockResponse = vendor
    ? vendor.reject('invalid', [{ in: 'header', field: 'headers', message }])
    : { status: 400, headers: { 'content-type': 'application/json' }, body: { error: { code: 'BAD_REQUEST', message } } };
  const payload = JSON.stringify(response.body ?? {});
  const head = [`HTTP/1.1 ${response.status} ${http.STATUS_CODES[response.status] ?? ''}`, ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`), `content-length: ${Buffer.byteLength(payload)}`, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${payload}`);
}

export function createRequestListener(options: ServerOptions): http.RequestListener {
  const { engine, log, controlToken } = options;
  const control = createControlApi(engine);
  return (req, res) => {
    const started = performance.now();
    readBody(req).then(
      async ({ body, bodyError }) => {
        const target = req.url ?? '/';
        const q = target.indexOf('?');
        const request: MockRequest = {
          method: req.method ?? 'GET',
          path: q < 0 ? target : target.slice(0, q),
          query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
          headers: req.headers as Record<string, string | undefined>,
          ...(body !== undefined ? { body } : {}),
          ...(bodyError !== undefined ? { bodyError } : {}),
        };
        if (request.method === 'GET' && (request.path === CONTROL_PREFIX || request.path === `${CONTROL_PREFIX}/`)) {
          if (request.path === CONTROL_PREFIX) {
            res.writeHead(301, { location: `${CONTROL_PREFIX}/`, 'content-length': 0 }).end();
          } else {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': dashboard.length }).end(dashboard);
          }
          log?.(`${request.method} ${request.path} 200 dashboard`);
          return;
        }
        if (request.method === 'GET' && request.path === '/') {
          // A person opening the server root in a browser: point at the dashboard and the vendors.
          const vendors = Object.fromEntries(engine.vendors.map((v) => [v.name, `/${v.name}`]));
          write(res, { status: 200, headers: { 'content-type': 'application/json' }, body: { name: 'cardmock', dashboard: `${CONTROL_PREFIX}/`, controlApi: CONTROL_PREFIX, vendors } });
          log?.(`${request.method} / 200 index`);
          return;
        }
        const isControl = request.path.startsWith(`${CONTROL_PREFIX}/`);
        let response: MockResponse;
        if (isControl) {
          const verdict = controlVerdict(req, controlToken);
          response = verdict.ok
            ? control.handle(request)
            : { status: verdict.status, headers: { 'content-type': 'application/json' }, body: { error: { code: verdict.code, message: verdict.message } } };
        } else {
          response = await engine.handle(request);
        }
        write(res, response);
        log?.(`${request.method} ${request.path} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
      },
    ).catch((error: unknown) => {
      // A programmer error in a mock: answer without leaking a stack trace, and say so in the log.
      log?.(`${req.method} ${req.url} 500 internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) write(res, { status: 500, headers: { 'content-type': 'application/json' }, body: { error: { code: 'CARDMOCK_INTERNAL', message: 'cardmock failed to answer this request' } } });
      else res.destroy();
    });
  };
}

function write(res: http.ServerResponse, response: MockResponse): void {
  const payload = response.body === undefined ? undefined : JSON.stringify(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  headers['content-length'] = payload === undefined ? 0 : Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
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
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, createRequestListener(options));
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => answerUnparsable(options.engine, error, socket));
  server.keepAliveTimeout = 5_000;
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
