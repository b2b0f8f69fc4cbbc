/**
 * The judging, recording proxy behind `cardmock proxy`: forwards each request to the vendor's
 * upstream as it arrives and the answer back unchanged, streamed both ways with backpressure (a
 * slow client slows the upstream read; a client gone closes the upstream), within one time-out for
 * the whole exchange. It keeps a bounded prefix of each body to judge with the conformance checks
 * and, with a record directory, stores the exchange with its credentials removed.
 *
 * It answers local clients only: a page of another origin (DNS rebinding, `no-cors` posts,
 * cross-site requests) is refused before anything is forwarded, since the proxy adds the team's
 * credential (`--auth`). `GET /__cardmock/exchanges` lists the newest exchanges, behind the
 * control API's guard.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import type { JudgedExchange } from '../../conformance/lib/traffic-report.ts';
import { SecretBook } from '../../conformance/lib/redact.ts';
import { browserVerdict, controlVerdict, type GuardOptions } from '../../mocks/adapters/control-guard.ts';
import { fixtureCollector } from '../../mocks/replay/fixtures-seen.ts';
import { recordingFileName } from '../../mocks/replay/recording.ts';
import { judgeForwarded, type Answer, type Ending, type Forwarded } from './proxy-exchange.ts';
import { DEFAULT_MAX_EXCHANGES, ExchangeLog, MAX_PAGE } from './proxy-log.ts';

export const EXCHANGES_PATH = '/__cardmock/exchanges';
/** Set on answers the proxy makes itself (refused, upstream down or too slow), never on the upstream's. */
export const PROXY_ERROR_HEADER = 'x-cardmock-proxy-error';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

export const PROXY_DEFAULTS = {
  timeoutMs: 30_000,
  /** How much of each body is kept for judging and recording; the client still gets all of it. */
  maxKeptBytes: 256 * 1024,
  maxExchanges: DEFAULT_MAX_EXCHANGES,
  /** How long `close` lets exchanges in flight finish before it cuts them. */
  graceMs: 2_000,
};

export interface ProxyOptions extends Partial<typeof PROXY_DEFAULTS> {
  /** Vendor → upstream base URL. With one vendor the proxy serves it at the root; with several, under `/<vendor>` as `serve` does. */
  upstreams: Record<string, string>;
  port?: number;
  host?: string;
  /** Replaces the client's Authorization upstream; when absent the client's is forwarded (--auth-from-client). */
  authorization?: string;
  recordDir?: string;
  /** Host names answered besides loopback names and IP literals (`--allow-host`). */
  allowHosts?: string[];
  /** Origins of pages that may send requests through the proxy (`--allow-origin`). */
  allowOrigins?: string[];
  /** Called with each judged exchange, already redacted. */
  onExchange?: (exchange: JudgedExchange) => void;
}

export interface RunningProxy {
  url: string;
  /** The judged exchanges (redacted): the newest, and a tally of all for the report. */
  log: ExchangeLog;
  /** Entities seen in recorded exchanges, as control-API fixtures bodies. */
  fixtures(): Record<string, Record<string, unknown[]>>;
  /** Exchanges recorded. */
  recorded(): number;
  /** Stops taking requests, gives exchanges in flight `graceMs`, then cuts them; waits (bounded) for the recordings. */
  close(): Promise<void>;
}

/** What one proxy keeps between requests. */
interface ProxyState {
  options: ProxyOptions & typeof PROXY_DEFAULTS;
  upstreams: Map<string, string>;
  guard: GuardOptions;
  secrets: SecretBook;
  log: ExchangeLog;
  fixtures: ReturnType<typeof fixtureCollector>;
  /** Exchanges in flight: `close` cuts what is left of them after the grace period. */
  inFlight: Set<(reason: string) => void>;
  /** Recordings still being written. */
  writes: Set<Promise<void>>;
  recorded: number;
  counter: number;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const settings = { ...PROXY_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ProxyState['options'];
  const host = options.host ?? '127.0.0.1';
  const state: ProxyState = {
    options: settings,
    upstreams: new Map(Object.entries(options.upstreams).map(([vendor, url]) => [vendor, url.replace(/\/+$/, '')])),
    guard: { allowHosts: [...(options.allowHosts ?? []), host], allowOrigins: options.allowOrigins ?? [] },
    secrets: new SecretBook([options.authorization ?? '']),
    log: new ExchangeLog(settings.maxExchanges),
    fixtures: fixtureCollector(),
    inFlight: new Set(),
    writes: new Set(),
    recorded: 0,
    counter: 0,
  };
  if (options.recordDir) await mkdir(options.recordDir, { recursive: true });
  const server = http.createServer((req, res) => {
    try {
      handle(state, req, res);
    } catch (error) {
      // A programmer error: answered, never a crash that loses the report.
      if (!res.headersSent) sendJson(res, 500, 'internal', 'PROXY_INTERNAL', `cardmock proxy failed on this request: ${(error as Error).message}`);
      else res.destroy();
    }
  });
  await listen(server, options.port ?? 4030, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    log: state.log,
    fixtures: () => state.fixtures.seen(),
    recorded: () => state.recorded,
    close: () => close(server, state),
  };
}

function handle(state: ProxyState, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  if (url === EXCHANGES_PATH || url.startsWith(`${EXCHANGES_PATH}?`) || url.startsWith('/__cardmock/') || url === '/__cardmock') {
    answerControl(state, req, res);
    return;
  }
  const verdict = browserVerdict(req.headers as Record<string, string | undefined>, state.guard);
  if (!verdict.ok) {
    sendJson(res, verdict.status, 'refused', verdict.code, `cardmock proxy: ${verdict.message}; nothing was forwarded`);
    return;
  }
  if (!url.startsWith('/')) {
    sendJson(res, 400, 'bad-request-target', 'BAD_REQUEST_TARGET', 'cardmock proxy forwards only origin-form request targets (a path starting with /)');
    return;
  }
  const routed = route(state, url);
  if (!routed) {
    sendJson(res, 404, 'unknown-vendor', 'UNKNOWN_VENDOR', `No vendor at ${url.split('?')[0]}; vendors: ${[...state.upstreams.keys()].map((v) => `/${v}`).join(', ')}`);
    return;
  }
  forward(state, routed.vendor, routed.rest, req, res);
}

/** `/__cardmock/*` is the proxy's own, never forwarded, and behind the control API's guard. */
function answerControl(state: ProxyState, req: http.IncomingMessage, res: http.ServerResponse): void {
  const verdict = controlVerdict({ headers: req.headers as Record<string, string | undefined>, ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}) }, state.guard);
  if (!verdict.ok) return sendJson(res, verdict.status, 'refused', verdict.code, verdict.message);
  const url = new URL(req.url ?? '/', 'http://proxy');
  if (url.pathname !== EXCHANGES_PATH) return sendJson(res, 404, 'not-found', 'NOT_FOUND', `cardmock proxy answers only GET ${EXCHANGES_PATH} under /__cardmock`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, 'method-not-allowed', 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${EXCHANGES_PATH}`);
  }
  const before = wholeNumber(url.searchParams.get('before'));
  const limit = wholeNumber(url.searchParams.get('limit'));
  if (before === null || limit === null) return sendJson(res, 400, 'bad-request', 'INVALID_REQUEST', `before and limit are whole numbers (limit at most ${MAX_PAGE})`);
  const payload = JSON.stringify(state.log.page(before, limit ?? 100));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store' }).end(payload);
}

/** undefined when absent, null when not a whole number. */
const wholeNumber = (text: string | null) => (text === null ? undefined : /^\d{1,9}$/.test(text) ? Number(text) : null);

/** With one vendor the proxy serves it at the root; with several, each under `/<vendor>`. */
function route(state: ProxyState, url: string): { vendor: string; rest: string } | undefined {
  if (state.upstreams.size === 1) return { vendor: [...state.upstreams.keys()][0]!, rest: url };
  const m = /^\/([^/?]+)(.*)$/.exec(url);
  return m && state.upstreams.has(m[1]!) ? { vendor: m[1]!, rest: m[2] || '/' } : undefined;
}

/** The proxy's own answer, marked so nobody takes it for the vendor's; the connection closes after it. */
function sendJson(res: http.ServerResponse, status: number, kind: string, code: string, message: string): void {
  const payload = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), [PROXY_ERROR_HEADER]: kind, connection: 'close' }).end(payload);
}

/**
 * One exchange: the request streamed upstream, the answer streamed back (each end waits for the
 * other to take what it sent), a bounded copy of both bodies kept, and one deadline for the whole.
 * However it ends (answer delivered, upstream failure, time-out, client gone, shutdown), it ends
 * once: both connections released, the exchange judged and recorded.
 */
function forward(state: ProxyState, vendor: string, rest: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { timeoutMs, maxKeptBytes } = state.options;
  const base = state.upstreams.get(vendor)!;
  const target = URL.canParse(`${base}${rest}`) ? new URL(`${base}${rest}`) : undefined;
  if (!target) return sendJson(res, 400, 'bad-request-target', 'BAD_REQUEST_TARGET', 'cardmock proxy cannot forward this request target');
  const n = ++state.counter;
  const started = performance.now();
  const headers = upstreamHeaders(req.headers, state.options.authorization);
  const requestBody = keptBody(maxKeptBytes);
  const responseBody = keptBody(maxKeptBytes);
  let answer: http.IncomingMessage | undefined;
  let ended = false;
  const end = (ending: Ending) => {
    if (ended) return;
    ended = true;
    clearTimeout(deadline);
    state.inFlight.delete(cut);
    if (ending.kind !== 'done') release(ending);
    const sent = requestBody.text();
    const forwarded: Forwarded = { n, vendor, base, rest, method: req.method ?? 'GET', headers, body: sent.text, bodyTruncated: sent.truncated, ms: performance.now() - started };
    const got = answer && responseBody.text(answer.headers['content-encoding']);
    settle(state, forwarded, answer && got && { status: answer.statusCode ?? 0, headers: answer.headers, text: got.text ?? (got.truncated ? undefined : ''), truncated: got.truncated }, ending);
  };
  /** Both connections let go; the client told why when it has had no answer yet. */
  const release = (ending: Exclude<Ending, { kind: 'done' }>) => {
    upstream.destroy();
    answer?.destroy();
    if (res.headersSent || res.destroyed) {
      if (!res.writableFinished) res.destroy();
      return;
    }
    const [status, kind, code] = ending.kind === 'incomplete' ? [503, 'stopping', 'PROXY_STOPPING'] : 'timedOut' in ending ? [504, 'timeout', 'UPSTREAM_TIMEOUT'] : [502, 'unreachable', 'UPSTREAM_UNREACHABLE'];
    sendJson(res, status, kind, code, `cardmock proxy: ${ending.reason}`);
  };
  // Made first: if Node refuses the request outright, nothing below is set up (the handler answers 500).
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, { method: req.method, headers }, (a) => {
    answer = a;
    relay(a, res, responseBody, end);
  });
  upstream.on('error', (error) => end({ kind: 'upstream-error', reason: error.message }));
  const cut = (reason: string) => end({ kind: 'incomplete', reason });
  state.inFlight.add(cut);
  const deadline = setTimeout(() => end({ kind: 'upstream-error', reason: `timed out: the exchange did not complete within ${timeoutMs} ms`, timedOut: true }), timeoutMs);
  res.on('close', () => end(res.writableFinished ? { kind: 'done' } : { kind: 'incomplete', reason: 'the client went away before the answer ended' }));
  req.on('data', (chunk: Buffer) => requestBody.keep(chunk));
  req.on('error', () => cut('the client went away while sending'));
  req.pipe(upstream);
}

/** The client's headers without hop-by-hop ones; the proxy's credentials instead of the client's when it has them. */
function upstreamHeaders(incoming: http.IncomingHttpHeaders, authorization: string | undefined): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(incoming)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
  if (authorization) headers.authorization = authorization;
  return headers;
}

/**
 * The answer to the client, unchanged but for the connection headers that are this hop's. `pipe`
 * pauses the upstream while the client's buffer is full: a client that does not read holds at
 * most a socket buffer here, and the upstream waits.
 */
function relay(answer: http.IncomingMessage, res: http.ServerResponse, kept: KeptBody, end: (ending: Ending) => void): void {
  const outHeaders = { ...answer.headers };
  delete outHeaders.connection;
  delete outHeaders['keep-alive'];
  try {
    res.writeHead(answer.statusCode ?? 502, outHeaders);
  } catch (error) {
    // Node refuses some combinations to this client (a Trailer header without chunked encoding).
    end({ kind: 'upstream-error', reason: `the upstream's answer cannot be relayed as it is (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return;
  }
  answer.on('data', (chunk: Buffer) => kept.keep(chunk));
  answer.on('error', (error) => end({ kind: 'upstream-error', reason: `the upstream's answer broke off: ${error.message}` }));
  answer.pipe(res);
}

type KeptBody = ReturnType<typeof keptBody>;

/** Up to `max` bytes of a body, for judging and recording. */
function keptBody(max: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    keep(chunk: Buffer) {
      if (size < max) chunks.push(size + chunk.length <= max ? chunk : chunk.subarray(0, max - size));
      size += chunk.length;
    },
    /**
     * The kept part as text, decoded (gzip, deflate, br) when the whole body was kept; `truncated`
     * when it is only a prefix, or not text: then it is neither judged nor recorded as a body.
     */
    text(encoding?: string | string[]): { text: string | undefined; truncated: boolean } {
      if (size === 0) return { text: undefined, truncated: false };
      if (size > max) return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated: true };
      const whole = decoded(Buffer.concat(chunks), encoding, max);
      const text = whole && asText(whole);
      return { text, truncated: text === undefined };
    },
  };
}

/** The body without its content encoding, at most `max` bytes of it; undefined when it cannot be decoded. */
function decoded(bytes: Buffer, encoding: string | string[] | undefined, max: number): Buffer | undefined {
  const name = String(encoding ?? 'identity').trim().toLowerCase();
  try {
    if (name === 'identity' || name === '') return bytes;
    if (name === 'gzip' || name === 'x-gzip') return zlib.gunzipSync(bytes, { maxOutputLength: max });
    if (name === 'deflate') return zlib.inflateSync(bytes, { maxOutputLength: max });
    if (name === 'br') return zlib.brotliDecompressSync(bytes, { maxOutputLength: max });
  } catch {
    // larger than kept once decoded, or not what it says it is
  }
  return undefined;
}

function asText(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function settle(state: ProxyState, forwarded: Forwarded, answer: Answer | undefined, ending: Ending): void {
  let judgement;
  try {
    judgement = judgeForwarded(forwarded, answer, ending, state.secrets);
  } catch (error) {
    // A programmer error in judging: the exchange is still counted, and the proxy keeps running.
    const reason = `cardmock proxy could not judge this exchange: ${(error as Error).message}`;
    judgement = judgeForwarded({ ...forwarded, body: undefined, bodyTruncated: false }, undefined, { kind: 'upstream-error', reason }, state.secrets);
  }
  const { judged, recording } = judgement;
  if (recording && state.options.recordDir) {
    state.fixtures.add(recording);
    state.recorded++;
    const write = writeFile(path.join(state.options.recordDir, recordingFileName(recording)), `${JSON.stringify(recording, null, 2)}\n`).catch(() => undefined);
    state.writes.add(write);
    void write.then(() => state.writes.delete(write));
  }
  state.log.add(judged);
  state.options.onExchange?.(judged);
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Stops taking requests, lets exchanges in flight finish for the grace period, cuts the rest, and waits (bounded) for the recordings. */
async function close(server: http.Server, state: ProxyState): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const graceEnd = Date.now() + state.options.graceMs;
  while (state.inFlight.size > 0 && Date.now() < graceEnd) await sleep(50);
  for (const cut of [...state.inFlight]) cut('cut at shutdown');
  server.closeAllConnections();
  clearInterval(sweep);
  await Promise.race([Promise.all([closed, ...state.writes]), sleep(state.options.graceMs)]);
}
