/**
 * One exchange the proxy forwarded, judged with the conformance checks, redacted, and turned into
 * a recording for `serve --replay`. Pure: the proxy server hands it what it kept of both bodies.
 * Secrets are learned from the exchange's own credential fields (both directions) on top of the
 * proxy's (`--auth`), and removed from the structure before anything is built from it.
 */
import type http from 'node:http';
import type { ObservedResponse, SentRequest } from '../../conformance/lib/http-client.ts';
import { judgeExchange } from '../../conformance/lib/judge-exchange.ts';
import { matchOperation } from '../../conformance/lib/match-operation.ts';
import { parseJson } from '../../conformance/lib/parse-json.ts';
import { isCredentialName, learnExchange, redactExchange, redactFailure, type ExchangeText, type SecretBook } from '../../conformance/lib/redact.ts';
import { curl } from '../../conformance/lib/run.ts';
import { verdictOf, type JudgedExchange } from '../../conformance/lib/traffic-report.ts';
import { urlTarget } from '../../conformance/lib/url-target.ts';
import type { RecordedExchange } from '../../mocks/replay/recording.ts';

/** What the proxy sent upstream for one client request. */
export interface Forwarded {
  n: number;
  vendor: string;
  /** The vendor's upstream base URL, without a trailing slash. */
  base: string;
  /** Path and query below the vendor's prefix. */
  rest: string;
  method: string;
  headers: http.OutgoingHttpHeaders;
  /** The kept part of the request body as text; undefined when there was none. */
  body: string | undefined;
  /** The body was longer than the part kept. */
  bodyTruncated: boolean;
  ms: number;
}

/** The upstream's answer, with the kept part of its body as text. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** undefined when the body is not text (or encoded beyond reading); then `truncated` too. */
  text: string | undefined;
  /** Only a prefix was kept, or the body is not text: judged on status and headers, not recorded. */
  truncated: boolean;
}

/** How the exchange ended: `timedOut` when the whole exchange outlasted the time-out. */
export type Ending = { kind: 'done' } | { kind: 'upstream-error'; reason: string; timedOut?: boolean } | { kind: 'incomplete'; reason: string };

export interface Judged {
  judged: JudgedExchange;
  /** Absent when the exchange is not one to replay: no whole answer, or a body not kept whole as text. */
  recording?: RecordedExchange;
}

export function judgeForwarded(f: Forwarded, answer: Answer | undefined, ending: Ending, secrets: SecretBook): Judged {
  const book = secrets.extend();
  const request: SentRequest = { method: f.method, url: f.rest, headers: flatHeaders(f.headers), ...(f.body !== undefined ? { body: f.body } : {}), ...(f.bodyTruncated ? { truncated: true } : {}) };
  const raw: ExchangeText = { request, ...(answer ? { response: { status: answer.status, headers: flatHeaders(answer.headers), text: answer.text ?? '' } } : {}) };
  learnExchange(raw, book);
  const shown = redactExchange(raw, book);
  const truncated = [...(f.bodyTruncated ? ['request' as const] : []), ...(answer?.truncated ? ['response' as const] : [])];
  const base = { n: f.n, vendor: f.vendor, method: f.method, url: shown.request.url, ms: f.ms, ...(truncated.length ? { truncated } : {}) };
  if (!answer || ending.kind !== 'done') {
    const judged: JudgedExchange = { ...base, status: answer?.status ?? 0, verdict: ending.kind === 'done' ? 'upstream-error' : ending.kind, upstreamError: book.redact(ending.kind === 'done' ? 'no answer' : ending.reason), errors: [], warnings: [], requestProblems: [] };
    return { judged };
  }
  const observed: ObservedResponse = { status: answer.status, headers: raw.response!.headers, text: raw.response!.text, json: answer.truncated ? undefined : parseJson(raw.response!.text), ms: f.ms, ...(answer.truncated ? { truncated: true } : {}) };
  const judgement = judgeExchange({ id: `#${f.n} ${f.method} ${shown.request.url.split('?')[0]}`, vendor: f.vendor, request, response: observed, reproduce: reproduce(f, shown.request) });
  const redacted = {
    errors: judgement.errors.map((x) => redactFailure(x, book)),
    warnings: judgement.warnings.map((x) => redactFailure(x, book)),
    requestProblems: judgement.requestProblems.map((x) => redactFailure(x, book)),
  };
  const judged: JudgedExchange = { ...base, status: answer.status, ...(judgement.operationId ? { operationId: judgement.operationId } : {}), ...redacted, verdict: verdictOf(redacted) };
  return { judged, ...(truncated.length === 0 ? { recording: recordingOf(judged, shown) } : {}) };
}

const flatHeaders = (headers: http.OutgoingHttpHeaders | http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));

/** The curl line that sends the (redacted) request again straight to the upstream. */
function reproduce(f: Forwarded, sent: SentRequest): string {
  // curl computes the length of --data itself.
  const { 'content-length': _length, ...curlHeaders } = sent.headers;
  return curl(urlTarget({ baseUrl: f.base, vendors: [f.vendor], fixtures: {}, control: false, mutations: false, ownMock: false }), f.vendor, { ...sent, headers: curlHeaders });
}

/** Headers a replay must not send back: credentials, cookies, and the encoding of a body recorded decoded. */
const notReplayed = (name: string) => isCredentialName(name) || name === 'content-encoding' || name === 'content-length';

/** The exchange as `serve --replay` reads it, built from the redacted exchange: credential headers dropped. */
function recordingOf(judged: JudgedExchange, shown: ExchangeText): RecordedExchange {
  const headers = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !notReplayed(k)));
  const { request, response } = shown;
  const pathParams = matchOperation(judged.vendor, request.method, request.url.split('?')[0]!)?.pathParams;
  return {
    n: judged.n,
    vendor: judged.vendor,
    ...(judged.operationId ? { operationId: judged.operationId } : {}),
    ...(pathParams ? { pathParams } : {}),
    request: { method: request.method, url: request.url, headers: headers(request.headers), ...(request.body !== undefined ? { body: request.body } : {}) },
    response: { status: response!.status, headers: headers(response!.headers), body: response!.text },
  };
}
