/**
 * The judging, recording proxy behind `cardmock proxy`: forwards each request to the vendor's
 * upstream as it arrives (streamed both ways, with a time-out), returns the upstream's answer
 * unchanged, then judges the exchange with the conformance checks and, with a record directory,
 * stores it with credentials removed. `GET /__cardmock/exchanges` lists what it has seen.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { JudgedExchange } from '../conformance/lib/traffic-report.ts';
import { recordingFileName, type RecordedExchange } from '../mocks/replay/recording.ts';
import { judgeForwarded, recordingOf, secretBook, type Answer, type Forwarded, type SecretBook } from './proxy-exchange.ts';

export const EXCHANGES_PATH = '/__cardmock/exchanges';
/** How much of a body is kept for judging and recording; the client still gets all of it. */
const MAX_KEPT_BYTES = 1024 * 1024;
/** Set on answers the proxy makes itself (upstream down or too slow), never on the upstream's. */
export const PROXY_ERROR_HEADER = 'x-cardmock-proxy-error';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

export interface ProxyOptions {
  /** Vendor → upstream base URL. With one vendor the proxy serves it at the root; with several, under `/<vendor>` as `serve` does. */
  upstreams: Record<string, string>;
  port?: number;
  host?: string;
  /** Replaces the client's Authorization upstream; when absent the client's is forwarded (--auth-from-client). */
  authorization?: string;
  timeoutMs?: number;
  recordDir?: string;
  /** Called with each judged exchange, already redacted. */
  onExchange?: (exchange: JudgedExchange, redacted: (text: string) => string) => void;
}

export interface RunningProxy {
  url: string;
  exchanges: JudgedExchange[];
  /** Every secret seen so far; apply to anything printed or written. */
  redact(text: string): string;
  /** Recordings written (for fixtures). */
  recordings: RecordedExchange[];
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const state: ProxyState = { options, vendors: Object.keys(options.upstreams), secrets: secretBook(options.authorization), exchanges: [], recordings: [], writes: [], counter: 0 };
  if (options.recordDir) await mkdir(options.recordDir, { recursive: true });
  const server = http.createServer((req, res) => handle(state, req, res));
  await listen(server, options.port ?? 4030, options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    exchanges: state.exchanges,
    recordings: state.recordings,
    redact: state.secrets.redact,
    close: () => close(server, state.writes),
  };
}

/** What one proxy keeps between requests. */
interface ProxyState {
  options: ProxyOptions;
  vendors: string[];
  secrets: SecretBook;
  exchanges: JudgedExchange[];
  recordings: RecordedExchange[];
  /** Recordings still being written: close waits for them. */
  writes: Promise<void>[];
  counter: number;
}

function handle(state: ProxyState, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method === 'GET' && req.url === EXCHANGES_PATH) {
    sendJson(res, 200, {}, state.secrets.redact(JSON.stringify({ exchanges: state.exchanges })));
    return;
  }
  const routed = route(state, req.url ?? '/');
  if (!routed) {
    const payload = JSON.stringify({ error: { code: 'UNKNOWN_VENDOR', message: `No vendor at ${req.url}; vendors: ${state.vendors.map((v) => `/${v}`).join(', ')}` } });
    sendJson(res, 404, { [PROXY_ERROR_HEADER]: 'unknown-vendor' }, payload);
    return;
  }
  forward(state, routed.vendor, routed.rest, req, res);
}

/** With one vendor the proxy serves it at the root; with several, each under `/<vendor>`. */
function route(state: ProxyState, url: string): { vendor: string; rest: string } | undefined {
  if (state.vendors.length === 1) return { vendor: state.vendors[0]!, rest: url };
  const m = /^\/([^/?]+)(.*)$/.exec(url);
  return m && state.options.upstreams[m[1]!] ? { vendor: m[1]!, rest: m[2] || '/' } : undefined;
}

function sendJson(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, payload: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(payload) }).end(payload);
}

/** Streams the request upstream and the answer back, keeping the bodies to judge once both ends are done. */
function forward(state: ProxyState, vendor: string, rest: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const n = ++state.counter;
  const started = performance.now();
  const base = state.options.upstreams[vendor]!.replace(/\/+$/, '');
  const headers = upstreamHeaders(req.headers, state.options.authorization);
  const requestBody = keptBody();
  const responseBody = keptBody();
  let finished = false;
  const finish = (answer: Omit<Answer, 'text'> | undefined, upstreamError?: string) => {
    if (finished) return;
    finished = true;
    const forwarded: Forwarded = { n, vendor, base, rest, method: req.method ?? 'GET', headers, body: requestBody.text(), ms: performance.now() - started };
    settle(state, forwarded, answer && { ...answer, text: responseBody.text() ?? '' }, upstreamError);
  };
  const timeoutMs = state.options.timeoutMs ?? 30_000;
  const upstream = requestUpstream(new URL(`${base}${rest}`), { method: req.method, headers, timeout: timeoutMs }, (answer) => relay(answer, res, responseBody, finish));
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy();
    else answerUpstreamError(res, error);
    finish(undefined, error.message);
  });
  req.on('data', (chunk: Buffer) => requestBody.keep(chunk));
  req.pipe(upstream);
}

/** The client's headers without hop-by-hop ones; the proxy's credentials instead of the client's when it has them. */
function upstreamHeaders(incoming: http.IncomingHttpHeaders, authorization: string | undefined): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(incoming)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
  if (authorization) headers.authorization = authorization;
  return headers;
}

/** Up to MAX_KEPT_BYTES of a body, for judging and recording. */
function keptBody() {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    keep(chunk: Buffer) {
      if (size + chunk.length <= MAX_KEPT_BYTES) chunks.push(chunk);
      size += chunk.length;
    },
    text: () => (chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined),
  };
}

function requestUpstream(target: URL, init: http.RequestOptions & { timeout: number }, onAnswer: (answer: http.IncomingMessage) => void): http.ClientRequest {
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, init, onAnswer);
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer from the upstream within ${init.timeout} ms`)));
  return upstream;
}

/** The upstream's answer to the client, unchanged but for the connection headers that are this hop's. */
function relay(answer: http.IncomingMessage, res: http.ServerResponse, kept: ReturnType<typeof keptBody>, finish: (answer: Omit<Answer, 'text'> | undefined, upstreamError?: string) => void): void {
  const outHeaders = { ...answer.headers };
  delete outHeaders.connection;
  delete outHeaders['keep-alive'];
  res.writeHead(answer.statusCode ?? 502, outHeaders);
  answer.on('data', (chunk: Buffer) => {
    kept.keep(chunk);
    res.write(chunk);
  });
  answer.on('end', () => {
    res.end();
    finish({ status: answer.statusCode ?? 0, headers: answer.headers });
  });
  answer.on('error', (error) => {
    res.destroy();
    finish(undefined, error.message);
  });
}

/** The proxy's own answer when the upstream is down or too slow, marked so nobody takes it for the vendor's. */
function answerUpstreamError(res: http.ServerResponse, error: Error): void {
  const timedOut = /within/.test(error.message);
  const payload = JSON.stringify({ error: { code: timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNREACHABLE', message: `cardmock proxy: ${error.message}` } });
  sendJson(res, timedOut ? 504 : 502, { [PROXY_ERROR_HEADER]: timedOut ? 'timeout' : 'unreachable' }, payload);
}

function settle(state: ProxyState, forwarded: Forwarded, answer: Answer | undefined, upstreamError: string | undefined): void {
  const { judged, sent, observed } = judgeForwarded(forwarded, answer, upstreamError, state.secrets);
  if (observed && state.options.recordDir) {
    const recorded = recordingOf(judged, sent, observed, state.secrets.redact);
    state.recordings.push(recorded);
    state.writes.push(writeFile(path.join(state.options.recordDir, recordingFileName(recorded)), `${JSON.stringify(recorded, null, 2)}\n`));
  }
  // Stored redacted: the exchanges endpoint and reports can never leak what the client sent.
  const safe = JSON.parse(state.secrets.redact(JSON.stringify(judged))) as JudgedExchange;
  state.exchanges.push(safe);
  state.options.onExchange?.(safe, state.secrets.redact);
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops taking requests, lets those in flight finish (idle keep-alive sockets are closed as they idle), and waits for the recordings. */
function close(server: http.Server, writes: Promise<void>[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      Promise.all(writes).then(() => resolve());
    });
    server.closeIdleConnections();
  });
}
