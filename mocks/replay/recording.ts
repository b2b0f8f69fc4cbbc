/**
 * The recording format of `cardmock proxy --record <dir>`: one JSON file per exchange, credentials
 * already removed, the response body kept as the text the upstream sent (so a replay is
 * byte-equal unless a secret had to be taken out of it). `serve --replay` reads them back, and
 * checks every one against `RECORDING_SCHEMA` first: a recording is data from disk, maybe made
 * by hand, and nothing in it may crash the server or reach past the vendor it names.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { lazy } from '../core/request/lazy.ts';
import { VENDOR_NAME } from '../core/vendor.ts';

export const REDACTED = '[REDACTED]';

/** The most a recorded body may hold: the request body cap of `serve`, and a response far above any vendor's. */
export const RECORDING_LIMITS = { requestBodyBytes: 1024 * 1024, responseBodyBytes: 8 * 1024 * 1024, headers: 100, headerValueChars: 8 * 1024, urlChars: 8 * 1024 };

export interface RecordedExchange {
  n: number;
  vendor: string;
  operationId?: string;
  /** Raw path parameters of the documented operation, for deriving fixtures. */
  pathParams?: Record<string, string>;
  /** `url`: path and query below the vendor's prefix. A body is text (`body`) or bytes (`bodyBase64`). */
  request: { method: string; url: string; headers: Record<string, string>; body?: string; bodyBase64?: string };
  response: { status: number; headers: Record<string, string>; body?: string; bodyBase64?: string };
}

const { headers: maxHeaders, headerValueChars, urlChars } = RECORDING_LIMITS;
const headers = {
  type: 'object',
  maxProperties: maxHeaders,
  // A header name is an HTTP token; a value holds no CR, LF or NUL (RFC 9110 §5.5).
  propertyNames: { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$" },
  additionalProperties: { type: 'string', maxLength: headerValueChars, pattern: '^[\\t\\x20-\\x7e\\x80-\\xff]*$' },
};
const base64 = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' };
const body = { body: { type: 'string' }, bodyBase64: base64 };
const oneBody = { not: { required: ['body', 'bodyBase64'] } };

/**
 * What a recording may hold. Statuses are final answers (200–599): a 1xx written as the answer
 * leaves the client waiting. Sizes are checked in bytes after the schema.
 */
export const RECORDING_SCHEMA = {
  type: 'object',
  required: ['n', 'vendor', 'request', 'response'],
  properties: {
    n: { type: 'integer', minimum: 0, maximum: 1e12 },
    vendor: { type: 'string', pattern: VENDOR_NAME.source },
    operationId: { type: 'string', maxLength: 200 },
    pathParams: { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: urlChars } },
    request: {
      type: 'object',
      required: ['method', 'url', 'headers'],
      properties: { method: { type: 'string', pattern: '^[A-Z]{1,20}$' }, url: { type: 'string', maxLength: urlChars, pattern: '^[/?][\\x21-\\x7e]*$' }, headers, ...body },
      ...oneBody,
    },
    response: {
      type: 'object',
      required: ['status', 'headers'],
      properties: { status: { type: 'integer', minimum: 200, maximum: 599 }, headers, ...body },
      anyOf: [{ required: ['body'] }, { required: ['bodyBase64'] }],
      ...oneBody,
    },
  },
} as const;

// `required` inside `not` names properties declared beside it, which strict mode cannot see.
const validator = lazy(() => new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(RECORDING_SCHEMA));

export type Checked = { ok: true; recording: RecordedExchange } | { ok: false; problems: string[] };

/** The recording, or what is wrong with it: field paths and rules, never the values (a recording may hold anything). */
export function checkRecording(value: unknown): Checked {
  const validate = validator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(the recording)'} ${e.message ?? 'is invalid'}`);
    return { ok: false, problems: [...new Set(problems)] };
  }
  const recording = value as RecordedExchange;
  const problems = [
    ...tooLarge('request body', bodyBytes(recording.request), RECORDING_LIMITS.requestBodyBytes),
    ...tooLarge('response body', bodyBytes(recording.response), RECORDING_LIMITS.responseBodyBytes),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, recording };
}

const tooLarge = (what: string, bytes: Uint8Array | undefined, max: number) => ((bytes?.length ?? 0) > max ? [`${what} is larger than ${max} bytes`] : []);

/** A recorded body as bytes; undefined when there is none. */
export function bodyBytes(part: { body?: string; bodyBase64?: string }): Uint8Array | undefined {
  if (part.bodyBase64 !== undefined) return Uint8Array.from(atob(part.bodyBase64), (c) => c.charCodeAt(0));
  return part.body === undefined ? undefined : new TextEncoder().encode(part.body);
}

export const recordingFileName = (e: RecordedExchange) => `${String(e.n).padStart(5, '0')}-${e.vendor}-${e.operationId ?? 'undocumented'}-${e.response.status}.json`;

/** A recorded value stands for any value where the recording redacted it. */
function sameValue(recorded: unknown, live: unknown): boolean {
  if (typeof recorded === 'string' && recorded.includes(REDACTED)) return true;
  if (Array.isArray(recorded)) return Array.isArray(live) && recorded.length === live.length && recorded.every((v, i) => sameValue(v, live[i]));
  if (typeof recorded === 'object' && recorded !== null) {
    if (typeof live !== 'object' || live === null || Array.isArray(live)) return false;
    const keys = Object.keys(recorded);
    return keys.length === Object.keys(live).length && keys.every((k) => sameValue((recorded as Record<string, unknown>)[k], (live as Record<string, unknown>)[k]));
  }
  return recorded === live;
}

export function sameBody(recorded: string | undefined, live: string | undefined): boolean {
  if ((recorded ?? '') === (live ?? '')) return true;
  try {
    return sameValue(JSON.parse(recorded ?? ''), JSON.parse(live ?? ''));
  } catch {
    return false;
  }
}
