/**
 * Test harness: the same request sent three ways — straight to the core engine, through MSW
 * `setupServer` with `fetch` to the vendor's real host, and over HTTP to the Node server — so every
 * table row proves all three.
 */
import { setupServer } from 'msw/node';
import { createEngine, type Engine } from '../core/engine.ts';
import { manualClock, type ManualClock } from '../core/clock.ts';
import { createHandlers, sandboxBaseUrl } from '../adapters/msw.ts';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { createControlApi } from '../control/control-api.ts';
import { allVendors } from '../vendors/index.ts';
import { SESSION_HEADER } from '../core/types.ts';

export interface SentRequest {
  method: string;
  /** Path relative to the vendor's base URL, with query. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export interface Received {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export interface Transport {
  name: 'core' | 'msw' | 'http';
  engine: Engine;
  clock: ManualClock;
  send(vendor: string, session: string, request: SentRequest): Promise<Received>;
  /** Call the control API (`/__cardmock/...`) for a session. */
  control(session: string, method: string, path: string, body?: unknown): Promise<Received>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const ASYNC_DELAY_MS = 500;

function encodeBody(request: SentRequest, headers: Record<string, string>): string | undefined {
  if (request.body === undefined) return undefined;
  if (typeof request.body === 'string') return request.body;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return JSON.stringify(request.body);
}

async function fromFetch(response: Response): Promise<Received> {
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return { status: response.status, headers, body: text === '' ? undefined : JSON.parse(text) };
}

export function createTransport(name: Transport['name']): Transport {
  const clock = manualClock();
  const engine = createEngine({ vendors: allVendors, clock, settings: { asyncDelayMs: ASYNC_DELAY_MS } });
  const controlApi = createControlApi(engine);
  let server: RunningServer | undefined;
  let msw: ReturnType<typeof setupServer> | undefined;

  const viaCore = async (path: string, session: string, request: SentRequest, vendor?: string): Promise<Received> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    const body = encodeBody(request, headers);
    headers[SESSION_HEADER] = session;
    const url = new URL(path, 'http://core.invalid');
    const mockRequest = { method: request.method, path: url.pathname, query: url.searchParams, headers, ...(body !== undefined ? { body } : {}) };
    const response = vendor ? await engine.handleVendor(vendor, mockRequest) : controlApi.handle(mockRequest);
    let text = response.body === undefined ? undefined : JSON.stringify(response.body);
    if (response.stream) {
      text = '';
      for await (const piece of response.stream()) text += piece;
    }
    const received = text === undefined ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body: received };
  };

  const viaFetch = async (url: string, session: string, request: SentRequest): Promise<Received> => {
    const headers: Record<string, string> = { ...request.headers };
    const body = encodeBody(request, headers);
    headers[SESSION_HEADER] = session;
    return fromFetch(await fetch(url, { method: request.method, headers, ...(body !== undefined ? { body } : {}) }));
  };

  return {
    name,
    engine,
    clock,
    async start() {
      if (name === 'http') server = await startServer({ engine, port: 0 });
      if (name === 'msw') {
        msw = setupServer(...createHandlers({ engine }));
        msw.listen({ onUnhandledRequest: 'error' });
      }
    },
    async stop() {
      msw?.close();
      await server?.close();
    },
    send(vendor, session, request) {
      if (name === 'core') return viaCore(request.path, session, request, vendor);
      if (name === 'http') return viaFetch(`${server!.url}/${vendor}${request.path}`, session, request);
      const module = engine.vendor(vendor)!;
      const base = sandboxBaseUrl(module);
      return viaFetch(`${base}${request.path}`, session, request);
    },
    control(session, method, path, body) {
      const request: SentRequest = { method, path, ...(body !== undefined ? { body } : {}) };
      if (name === 'http') return viaFetch(`${server!.url}${path}`, session, request);
      return viaCore(path, session, request);
    },
  };
}

export const TRANSPORTS: Transport['name'][] = ['core', 'msw', 'http'];

let counter = 0;
/** A session name no other test uses. */
export const freshSession = (label = 's') => `${label}-${process.pid}-${++counter}`;
