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
import type { ObservedResponse, SentRequest } from '../conformance/lib/http-client.ts';
import { judgeExchange } from '../conformance/lib/judge-exchange.ts';
import { matchOperation } from '../conformance/lib/match-operation.ts';
import { redact } from '../conformance/lib/redact.ts';
import { secretsInBody, secretsInHeaders, isCredentialName } from '../conformance/lib/redact-exchange.ts';
import { curl } from '../conformance/lib/run.ts';
import { exchangeLine, verdictOf, type JudgedExchange } from '../conformance/lib/traffic-report.ts';
import { urlTarget } from '../conformance/lib/url-target.ts';
import { recordingFileName, type RecordedExchange } from '../mocks/replay/recording.ts';

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
  const vendors = Object.keys(options.upstreams);
  const single = vendors.length === 1;
  const secrets = new Set<string>();
  const addSecrets = (list: string[]) => list.forEach((s) => secrets.add(s));
  if (options.authorization) addSecrets(secretsInHeaders({ authorization: options.authorization }));
  const redactAll = (text: string) => redact(text, [...secrets].sort((a, b) => b.length - a.length));
  const exchanges: JudgedExchange[] = [];
  const recordings: RecordedExchange[] = [];
  const writes: Promise<void>[] = [];
  let counter = 0;
  if (options.recordDir) await mkdir(options.recordDir, { recursive: true });

  const route = (url: string): { vendor: string; rest: string } | undefined => {
    if (single) return { vendor: vendors[0]!, rest: url };
    const m = /^\/([^/?]+)(.*)$/.exec(url);
    return m && options.upstreams[m[1]!] ? { vendor: m[1]!, rest: m[2] || '/' } : undefined;
  };

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === EXCHANGES_PATH) {
      const payload = redactAll(JSON.stringify({ exchanges }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }).end(payload);
      return;
    }
    const routed = route(req.url ?? '/');
    if (!routed) {
      const payload = JSON.stringify({ error: { code: 'UNKNOWN_VENDOR', message: `No vendor at ${req.url}; vendors: ${vendors.map((v) => `/${v}`).join(', ')}` } });
      res.writeHead(404, { 'content-type': 'application/json', [PROXY_ERROR_HEADER]: 'unknown-vendor', 'content-length': Buffer.byteLength(payload) }).end(payload);
      return;
    }
    forward(routed.vendor, routed.rest, req, res);
  });

  function forward(vendor: string, rest: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const n = ++counter;
    const started = performance.now();
    const base = options.upstreams[vendor]!.replace(/\/+$/, '');
    const target = new URL(`${base}${rest}`);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    if (options.authorization) headers.authorization = options.authorization;
    const requestChunks: Buffer[] = [];
    const responseChunks: Buffer[] = [];
    const kept = new Map<Buffer[], number>();
    const keep = (list: Buffer[], chunk: Buffer) => {
      const size = kept.get(list) ?? 0;
      if (size + chunk.length <= MAX_KEPT_BYTES) list.push(chunk);
      kept.set(list, size + chunk.length);
    };
    const transport = target.protocol === 'https:' ? https : http;
    const upstream = transport.request(target, { method: req.method, headers, timeout: options.timeoutMs ?? 30_000 }, (answer) => {
      const outHeaders = { ...answer.headers };
      delete outHeaders.connection;
      delete outHeaders['keep-alive'];
      res.writeHead(answer.statusCode ?? 502, outHeaders);
      answer.on('data', (chunk: Buffer) => {
        keep(responseChunks, chunk);
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
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`no answer from the upstream within ${options.timeoutMs ?? 30_000} ms`)));
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
      } else {
        const timedOut = /within/.test(error.message);
        const payload = JSON.stringify({ error: { code: timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNREACHABLE', message: `cardmock proxy: ${error.message}` } });
        res.writeHead(timedOut ? 504 : 502, { 'content-type': 'application/json', [PROXY_ERROR_HEADER]: timedOut ? 'timeout' : 'unreachable', 'content-length': Buffer.byteLength(payload) }).end(payload);
      }
      finish(undefined, error.message);
    });
    req.on('data', (chunk: Buffer) => keep(requestChunks, chunk));
    req.pipe(upstream);

    let finished = false;
    function finish(answer: { status: number; headers: http.IncomingHttpHeaders } | undefined, upstreamError?: string) {
      if (finished) return;
      finished = true;
      const ms = performance.now() - started;
      const flatHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));
      const bodyText = requestChunks.length ? Buffer.concat(requestChunks).toString('utf8') : undefined;
      addSecrets(secretsInHeaders(flatHeaders));
      addSecrets(secretsInBody(bodyText));
      const sent: SentRequest = { method: req.method ?? 'GET', url: rest, headers: flatHeaders, ...(bodyText !== undefined ? { body: bodyText } : {}) };
      // curl computes the length of --data itself.
      const { 'content-length': _length, ...curlHeaders } = sent.headers;
      const reproduce = curl(urlTarget({ baseUrl: base, vendors: [vendor], fixtures: {}, control: false, mutations: false, ownMock: false }), vendor, { ...sent, headers: curlHeaders });
      let judged: JudgedExchange;
      if (!answer) {
        judged = { n, vendor, method: sent.method, url: rest, status: 0, ms, verdict: 'upstream-error', upstreamError: upstreamError ?? 'no answer', errors: [], warnings: [], requestProblems: [] };
      } else {
        const text = Buffer.concat(responseChunks).toString('utf8');
        const responseHeaders = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));
        addSecrets(secretsInHeaders(responseHeaders));
        const observed: ObservedResponse = { status: answer.status, headers: responseHeaders, text, json: parseJson(text), ms };
        const judgement = judgeExchange({ id: `#${n} ${sent.method} ${rest.split('?')[0]}`, vendor, request: sent, response: observed, reproduce });
        judged = { n, vendor, method: sent.method, url: rest, status: answer.status, ms, ...judgement, verdict: verdictOf(judgement) };
        if (options.recordDir) record(judged, sent, observed);
      }
      // Stored redacted: the exchanges endpoint and reports can never leak what the client sent.
      const safe = JSON.parse(redactAll(JSON.stringify(judged))) as JudgedExchange;
      exchanges.push(safe);
      options.onExchange?.(safe, redactAll);
    }
  }

  function record(judged: JudgedExchange, sent: SentRequest, observed: ObservedResponse) {
    const withoutCredentials = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !isCredentialName(k) && k !== 'set-cookie'));
    const pathParams = matchOperation(judged.vendor, sent.method, sent.url.split('?')[0]!)?.pathParams;
    const recorded: RecordedExchange = JSON.parse(
      redactAll(
        JSON.stringify({
          n: judged.n,
          vendor: judged.vendor,
          ...(judged.operationId ? { operationId: judged.operationId } : {}),
          ...(pathParams ? { pathParams } : {}),
          request: { method: sent.method, url: sent.url, headers: withoutCredentials(sent.headers), ...(sent.body !== undefined ? { body: sent.body } : {}) },
          response: { status: observed.status, headers: withoutCredentials(observed.headers), body: observed.text },
        } satisfies RecordedExchange),
      ),
    );
    recordings.push(recorded);
    writes.push(writeFile(path.join(options.recordDir!, recordingFileName(recorded)), `${JSON.stringify(recorded, null, 2)}\n`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4030, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    exchanges,
    recordings,
    redact: redactAll,
    close: () =>
      new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          Promise.all(writes).then(() => resolve());
        });
        server.closeIdleConnections();
      }),
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
