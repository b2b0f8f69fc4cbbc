/**
 * Sends one scenario request with `fetch`: one time budget per request, 429 answered by waiting
 * `Retry-After` within that budget and trying again (a sandbox's rate limit is honoured), no
 * redirects, a response size cap, and failures that say what actually went wrong.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { RequestSpec } from './scenario.ts';
import type { Target } from './target.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, readCappedBody } from './read-capped-body.ts';
import { describeFetchError, RequestFailed } from './request-failure.ts';
import { parseJson } from './parse-json.ts';

export { RequestFailed } from './request-failure.ts';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** `body` is only the start of what was sent (an observer keeps a bounded prefix). */
  truncated?: boolean;
}

export interface ObservedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  ms: number;
  /** `text` is only the start of the body (an observer keeps a bounded prefix): its body is not judged. */
  truncated?: boolean;
}

const MAX_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 30_000;
export const SESSION_HEADER = 'x-cardmock-session';

export function buildRequest(op: OperationSpec, spec: RequestSpec, target: Target, session?: string): SentRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = spec.path[name];
    if (value === undefined) throw new Error(`${op.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(spec.query ?? {}).toString();
  const headers: Record<string, string> = {};
  const auth = spec.auth ?? 'target';
  const authorization = auth === 'target' ? target.authorization(op.spec) : auth === 'none' ? undefined : auth;
  if (authorization) headers.authorization = authorization;
  if (session && target.capabilities.control) headers[SESSION_HEADER] = session;
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: string | undefined;
  if (spec.rawBody !== undefined) body = spec.rawBody;
  else if (spec.body !== undefined) body = JSON.stringify(spec.body);
  if (body !== undefined) headers['content-type'] = spec.contentType ?? 'application/json';
  return { method: op.method.toUpperCase(), url: `${path}${query ? `?${query}` : ''}`, headers, ...(body !== undefined ? { body } : {}) };
}

/**
 * Sends one request and reads its answer. One time budget (`target.timeoutMs`) covers every
 * attempt and every `Retry-After` wait: a 429 whose wait would outlast the budget fails with a
 * hint instead of stretching the run. Redirects are not followed (a vendor API that redirects is
 * itself a finding), and bodies beyond `target.maxResponseBytes` are cut off.
 */
export async function send(target: Target, vendor: string, request: SentRequest, sleep = delay): Promise<ObservedResponse> {
  const budgetMs = target.timeoutMs ?? 10_000;
  const deadline = performance.now() + budgetMs;
  const maxBytes = target.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const base = target.base(vendor);
  for (let attempt = 0; ; attempt++) {
    const observed =
      typeof base === 'string'
        ? await fetchOnce(`${base}${request.url}`, request, deadline, budgetMs, maxBytes)
        : await withEphemeralServer(base.listener, (origin) => fetchOnce(`${origin}${base.prefix}${request.url}`, request, deadline, budgetMs, maxBytes));
    if (observed.status !== 429 || attempt >= MAX_RETRIES) return observed;
    const waitMs = retryAfterMs(observed.headers['retry-after']);
    const leftMs = deadline - performance.now();
    if (waitMs > leftMs) {
      throw new RequestFailed(
        `429 with Retry-After ${observed.headers['retry-after'] ?? '(none: 1 s assumed)'}: waiting ${Math.round(waitMs)} ms would outlast the ${budgetMs} ms time budget`,
        'The target rate-limits: lower --concurrency, or raise --timeout so the wait fits in it.',
      );
    }
    await sleep(waitMs);
  }
}

async function fetchOnce(url: string, request: SentRequest, deadline: number, budgetMs: number, maxBytes: number): Promise<ObservedResponse> {
  const started = performance.now();
  const context = { url, timeoutMs: budgetMs };
  const leftMs = Math.max(1, Math.floor(deadline - started));
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(leftMs),
    });
    const text = await readCappedBody(response, maxBytes);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, text, json: parseJson(text), ms: performance.now() - started };
  } catch (error) {
    throw describeFetchError(error, context);
  }
}

/**
 * An in-process listener gets a server on 127.0.0.1 and a free port for one request, closed right
 * after (as supertest did), so targets stay plain listeners and nothing outlives the call.
 */
async function withEphemeralServer<T>(listener: RequestListener, use: (origin: string) => Promise<T>): Promise<T> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  try {
    const { port } = server.address() as AddressInfo;
    return await use(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function retryAfterMs(value: string | undefined): number {
  if (!value) return 1_000;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(value) - Date.now();
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
