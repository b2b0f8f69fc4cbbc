/**
 * Replay, a layer of the app: a recorded request (same vendor, method, path, query and body;
 * redacted values match anything) gets its recorded response, byte for byte; the same request
 * recorded several times (bind, then bind again) is answered in recorded order, and its last
 * answer repeats. Anything else falls through to the stateful mock, and nothing under
 * `/__cardmock` is ever replay's: the control API keeps its guard. Recordings are data — read from
 * a folder by `serve --replay`, or given to `createHandlers`/`startCardmock` — and are checked
 * against the recording format and the vendors served before any is answered.
 */
import { CONTROL_PREFIX } from '../control/control-api.ts';
import type { MockRequest, MockResponse } from '../core/types.ts';
import { bodyBytes, checkRecording, REDACTED, sameBody, type RecordedExchange } from './recording.ts';

export const REPLAY_HEADER = 'x-cardmock-replay';

/**
 * Headers that describe the recorded connection or framing, not the answer: the replay frames its
 * body itself (a Trailer header without chunked encoding would make Node refuse the answer).
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'date']);

export interface Replay {
  /** The recorded answer to this request (its path with the vendor's prefix), or undefined: not replay's to answer. */
  answer(request: MockRequest): MockResponse | undefined;
}

/** Recordings as data, each checked against the recording format and the vendors served; throws an Error naming every problem. */
export function replayOf(recordings: readonly unknown[], vendors: readonly string[]): Replay {
  const problems: string[] = [];
  const checked = recordings.flatMap((value, i) => {
    const result = checkRecording(value);
    if (!result.ok) problems.push(...result.problems.map((p) => `recording ${i}: ${p}`));
    else if (!vendors.includes(result.recording.vendor)) problems.push(`recording ${i}: names vendor ${result.recording.vendor}, which is not served`);
    return result.ok ? [result.recording] : [];
  });
  if (problems.length > 0) throw new Error(`cannot replay these recordings:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`);
  return createReplay(checked);
}

/** Recordings already checked (`checkRecording`, `loadRecordings`). */
export function createReplay(recordings: readonly RecordedExchange[]): Replay {
  // How often each recorded request was answered, keyed by its first recording.
  const served = new Map<number, number>();
  const byPath = new Map<string, RecordedExchange[]>();
  for (const r of recordings) {
    const key = `${r.request.method} /${r.vendor}${pathOf(r.request.url)}`;
    byPath.set(key, [...(byPath.get(key) ?? []), r]);
  }
  return {
    answer(request) {
      // A body the transport could not read (past the cap, not UTF-8) is the mock's to refuse.
      if (isControl(request.path) || request.bodyError !== undefined) return undefined;
      const candidates = byPath.get(`${request.method} ${request.path}`);
      if (!candidates) return undefined;
      const matching = candidates.filter((r) => sameQuery(r.request.url, request.query) && sameRecordedBody(r, request.body));
      if (matching.length === 0) return undefined;
      const key = matching[0]!.n;
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      return answerOf(matching[Math.min(index, matching.length - 1)]!);
    },
  };
}

const pathOf = (url: string) => url.split('?')[0]!;

const isControl = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** The same query parameters in the same order, a redacted value matching any. */
function sameQuery(recordedUrl: string, live: URLSearchParams): boolean {
  const q = recordedUrl.indexOf('?');
  const recorded = [...new URLSearchParams(q < 0 ? '' : recordedUrl.slice(q + 1))];
  const given = [...live];
  return recorded.length === given.length && recorded.every(([name, value], i) => name === given[i]![0] && (value === given[i]![1] || value.includes(REDACTED)));
}

/** A text body by its JSON (redacted values match any), a recorded byte body byte for byte. */
function sameRecordedBody(r: RecordedExchange, live: string | undefined): boolean {
  if (r.request.bodyBase64 === undefined) return sameBody(r.request.body, live);
  const recorded = bodyBytes(r.request) ?? new Uint8Array();
  const given = live === undefined ? new Uint8Array() : new TextEncoder().encode(live);
  return recorded.length === given.length && recorded.every((b, i) => b === given[i]);
}

function answerOf(recorded: RecordedExchange): MockResponse {
  const headers = Object.fromEntries(Object.entries(recorded.response.headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
  const payload = bodyBytes(recorded.response) ?? new Uint8Array();
  return { status: recorded.response.status, headers: { ...headers, 'content-length': String(payload.length), [REPLAY_HEADER]: String(recorded.n) }, raw: payload };
}
