/**
 * `serve --replay`, transport-free: a recorded request (same vendor, method, path, query and body;
 * redacted values match anything) gets its recorded response, byte for byte; the same request
 * recorded several times (bind, then bind again) is answered in recorded order, and its last
 * answer repeats. Anything else is not replay's to answer, and nothing under `/__cardmock` ever
 * is: the control API keeps its guard.
 */
import { CONTROL_PREFIX } from '../control/control-api.ts';
import type { MockResponse } from '../core/types.ts';
import { bodyBytes, sameBody, sameUrl, type RecordedExchange } from './recording.ts';

export const REPLAY_HEADER = 'x-cardmock-replay';

/**
 * Headers that describe the recorded connection or framing, not the answer: the replay frames its
 * body itself (a Trailer header without chunked encoding would make Node refuse the answer).
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'date']);

export interface ReplayRequest {
  method: string;
  /** Path and query as received (`/paysafe/customers/…?x=1`). */
  url: string;
  /** The body as received; undefined when there was none. */
  body: Uint8Array | undefined;
}

export interface Replay {
  /** Whether a recording could answer this method and path (then the body is worth reading). */
  mayAnswer(method: string, url: string): boolean;
  answer(request: ReplayRequest): MockResponse | undefined;
}

export function createReplay(recordings: RecordedExchange[]): Replay {
  // How often each recorded request was answered, keyed by its first recording.
  const served = new Map<number, number>();
  const pathOf = (url: string) => url.split('?')[0]!;
  const byPath = new Map<string, RecordedExchange[]>();
  for (const r of recordings) {
    const key = `${r.request.method} /${r.vendor}${pathOf(r.request.url)}`;
    byPath.set(key, [...(byPath.get(key) ?? []), r]);
  }
  const candidates = (method: string, url: string) => (isControl(url) ? [] : (byPath.get(`${method} ${pathOf(url)}`) ?? []));
  return {
    mayAnswer: (method, url) => candidates(method, url).length > 0,
    answer(request) {
      const text = request.body && request.body.length > 0 ? new TextDecoder().decode(request.body) : undefined;
      const matching = candidates(request.method, request.url).filter((r) => sameUrl(`/${r.vendor}${r.request.url}`, request.url) && sameRecordedBody(r, request.body, text));
      if (matching.length === 0) return undefined;
      const key = matching[0]!.n;
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      return answerOf(matching[Math.min(index, matching.length - 1)]!);
    },
  };
}

const isControl = (url: string) => url === CONTROL_PREFIX || url.startsWith(`${CONTROL_PREFIX}/`) || url.startsWith(`${CONTROL_PREFIX}?`);

function sameRecordedBody(r: RecordedExchange, bytes: Uint8Array | undefined, text: string | undefined): boolean {
  if (r.request.bodyBase64 === undefined) return sameBody(r.request.body, text);
  const recorded = bodyBytes(r.request) ?? new Uint8Array();
  const live = bytes ?? new Uint8Array();
  return recorded.length === live.length && recorded.every((b, i) => b === live[i]);
}

function answerOf(recorded: RecordedExchange): MockResponse {
  const headers = Object.fromEntries(Object.entries(recorded.response.headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
  const payload = bodyBytes(recorded.response) ?? new Uint8Array();
  return { status: recorded.response.status, headers: { ...headers, 'content-length': String(payload.length), [REPLAY_HEADER]: String(recorded.n) }, raw: payload };
}
