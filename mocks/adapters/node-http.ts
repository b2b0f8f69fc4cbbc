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

export const MAX_BODY_BYTES = 1024 * 1024;

/** The dashboard: one static page over the control API, no build step. */
const dashboard = readFileSync(new URL('../control/dashboard.html', import.meta.url));

export interface ServerOptions {
  engine: Engine;
  port?: number;
  host?: string;
  /** One line per request (method, path, status, ms); silent when omitted. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  /** Stop accepting connections, let requests in flight finish, then close idle connections. */
  close(): Promise<void>;
}

export function createRequestListener(options: ServerOptions): http.RequestListener {
  const { engine, log } = options;
  const control = createControlApi(engine);
  return (req, res) => {
    const started = performance.now();
    readBody(req).then(
      async ({ body, bodyError }) => {
        const url = new URL(req.url ?? '/', 'http://cardmock.invalid');
        const request: MockRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
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
        const isControl = request.path.startsWith(`${CONTROL_PREFIX}/`);
        const response = isControl ? control.handle(request) : await engine.handle(request);
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
  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, createRequestListener(options));
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
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
