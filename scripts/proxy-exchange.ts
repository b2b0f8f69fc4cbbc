/**
 * One exchange the proxy forwarded, judged with the conformance checks and turned into a recording
 * for `serve --replay`. The secrets it carries join the proxy's secret book before anything about
 * it is printed or stored.
 */
import type http from 'node:http';
import type { ObservedResponse, SentRequest } from '../conformance/lib/http-client.ts';
import { judgeExchange } from '../conformance/lib/judge-exchange.ts';
import { matchOperation } from '../conformance/lib/match-operation.ts';
import { parseJson } from '../conformance/lib/parse-json.ts';
import { redact } from '../conformance/lib/redact.ts';
import { isCredentialName, secretsInBody, secretsInHeaders } from '../conformance/lib/redact-exchange.ts';
import { curl } from '../conformance/lib/run.ts';
import { verdictOf, type JudgedExchange } from '../conformance/lib/traffic-report.ts';
import { urlTarget } from '../conformance/lib/url-target.ts';
import type { RecordedExchange } from '../mocks/replay/recording.ts';

/** Every secret seen so far; `redact` removes them all from a text, longest first. */
export interface SecretBook {
  add(list: string[]): void;
  redact(text: string): string;
}

export function secretBook(authorization: string | undefined): SecretBook {
  const secrets = new Set<string>();
  const add = (list: string[]) => list.forEach((s) => secrets.add(s));
  if (authorization) add(secretsInHeaders({ authorization }));
  return { add, redact: (text) => redact(text, [...secrets].sort((a, b) => b.length - a.length)) };
}

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
  /** The kept part of the request body; undefined when there was none. */
  body: string | undefined;
  ms: number;
}

/** The upstream's answer, with the kept part of its body. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface Judged {
  judged: JudgedExchange;
  sent: SentRequest;
  /** Absent when the upstream did not answer. */
  observed?: ObservedResponse;
}

export function judgeForwarded(f: Forwarded, answer: Answer | undefined, upstreamError: string | undefined, secrets: SecretBook): Judged {
  const headers = flatHeaders(f.headers);
  secrets.add(secretsInHeaders(headers));
  secrets.add(secretsInBody(f.body));
  const sent: SentRequest = { method: f.method, url: f.rest, headers, ...(f.body !== undefined ? { body: f.body } : {}) };
  const { n, vendor, rest: url, ms } = f;
  if (!answer) {
    return { sent, judged: { n, vendor, method: sent.method, url, status: 0, ms, verdict: 'upstream-error', upstreamError: upstreamError ?? 'no answer', errors: [], warnings: [], requestProblems: [] } };
  }
  const responseHeaders = flatHeaders(answer.headers);
  secrets.add(secretsInHeaders(responseHeaders));
  const observed: ObservedResponse = { status: answer.status, headers: responseHeaders, text: answer.text, json: parseJson(answer.text), ms };
  const judgement = judgeExchange({ id: `#${n} ${sent.method} ${url.split('?')[0]}`, vendor, request: sent, response: observed, reproduce: reproduce(f, sent) });
  return { sent, observed, judged: { n, vendor, method: sent.method, url, status: answer.status, ms, ...judgement, verdict: verdictOf(judgement) } };
}

const flatHeaders = (headers: http.OutgoingHttpHeaders | http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));

/** The curl line that sends the request again straight to the upstream. */
function reproduce(f: Forwarded, sent: SentRequest): string {
  // curl computes the length of --data itself.
  const { 'content-length': _length, ...curlHeaders } = sent.headers;
  return curl(urlTarget({ baseUrl: f.base, vendors: [f.vendor], fixtures: {}, control: false, mutations: false, ownMock: false }), f.vendor, { ...sent, headers: curlHeaders });
}

/** The exchange as `serve --replay` reads it: credential headers and cookies dropped, every secret redacted. */
export function recordingOf(judged: JudgedExchange, sent: SentRequest, observed: ObservedResponse, redactAll: (text: string) => string): RecordedExchange {
  const withoutCredentials = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !isCredentialName(k) && k !== 'set-cookie'));
  const pathParams = matchOperation(judged.vendor, sent.method, sent.url.split('?')[0]!)?.pathParams;
  return JSON.parse(
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
}
