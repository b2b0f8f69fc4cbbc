/**
 * Sends one scenario request with supertest: per-request time-out, and 429 answered by waiting
 * `Retry-After` (bounded) and trying again, so a sandbox's rate limit is honoured.
 */
import supertest from 'supertest';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { RequestSpec } from './scenario.ts';
import type { Target } from './target.ts';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ObservedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
  ms: number;
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

export async function send(target: Target, vendor: string, request: SentRequest, sleep = delay): Promise<ObservedResponse> {
  const base = target.base(vendor);
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    const agent = typeof base === 'string' ? supertest(base) : supertest(base.listener);
    const url = typeof base === 'string' ? request.url : `${base.prefix}${request.url}`;
    let test = agent[request.method.toLowerCase() as 'get'](url).timeout({ deadline: target.timeoutMs ?? 10_000 }).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    for (const [k, v] of Object.entries(request.headers)) test = test.set(k, v);
    if (request.body !== undefined) test = test.send(request.body);
    const res = await test.ok(() => true);
    const text = typeof res.body === 'string' ? res.body : (res.text ?? '');
    const observed: ObservedResponse = {
      status: res.status,
      headers: Object.fromEntries(Object.entries(res.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)])),
      text,
      json: parseJson(text),
      ms: performance.now() - started,
    };
    if (observed.status !== 429 || attempt >= MAX_RETRIES) return observed;
    await sleep(retryAfterMs(observed.headers['retry-after']));
  }
}

export function retryAfterMs(value: string | undefined): number {
  if (!value) return 1_000;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(value) - Date.now();
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
