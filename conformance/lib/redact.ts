/**
 * What no line printed, report written, exchange listed or recording stored may carry: the
 * credentials an exchange holds. Redaction works on values, never on written text: an exchange's
 * headers, query, JSON and form bodies (both directions) are read as structures, the values of
 * fields named like a credential (the table below) are replaced, and every value known to be a
 * secret is removed from every other string in the forms it can take there (raw, JSON-escaped,
 * URL-encoded, base64 of Basic credentials). Reports, terminal lines, curl lines and recordings are
 * then written from the redacted structure, and long text is cut only after redaction, so a cut
 * can never keep half a secret. Nothing here parses what it has redacted, and nothing here throws.
 */
import type { Failure } from './checks/check.ts';

export const REDACTED = '[REDACTED]';

/**
 * Field names that carry credentials, compared lower case with separators dropped (`client_secret`,
 * `clientSecret` and `Client-Secret` are one name); JSON and URL escapes in a name are undone by
 * reading the structure first. A name containing one of the parts, or equal to one of the names.
 */
const CREDENTIAL_PARTS = ['authorization', 'authenticat', 'token', 'password', 'passwd', 'passphrase', 'secret', 'apikey', 'credential', 'cookie', 'sessionid', 'privatekey'];
const CREDENTIAL_NAMES = new Set(['pin', 'pincode', 'pinblock', 'newpin', 'cvv', 'cvv2', 'cvc', 'cvc2', 'cvn', 'csc', 'otp']);
/** cardmock's own session header names test data, not a credential. */
const NOT_CREDENTIALS = new Set(['xcardmocksession']);

export function isCredentialName(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_CREDENTIALS.has(key)) return false;
  return CREDENTIAL_NAMES.has(key) || CREDENTIAL_PARTS.some((part) => key.includes(part));
}

/** Shorter values are redacted where they are named, never searched for in other text. */
const MIN_SECRET = 3;
/** Below this length a secret is removed only where it stands alone (not inside a longer word or number). */
const MIN_ANYWHERE = 8;
/** JSON nested deeper than this is searched as text: reading it as a structure could exhaust the stack. */
const MAX_DEPTH = 64;

/** The ways a value can be written inside a string of an exchange. */
const ENCODINGS: ((s: string) => string)[] = [
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => encodeURIComponent(s),
  (s) => new URLSearchParams({ v: s }).toString().slice(2),
];
const asciiJson = (s: string) => JSON.stringify(s).slice(1, -1).replace(/[^\x20-\x7e]|\//g, (c) => (c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

function formsOf(secret: string): string[] {
  const forms = new Set([secret, asciiJson(secret)]);
  for (let depth = 0; depth < 2; depth++) for (const form of [...forms]) for (const encode of ENCODINGS) forms.add(attempt(() => encode(form)) ?? form);
  if (secret.includes(':')) {
    try {
      forms.add(btoa(secret));
    } catch {
      // not latin1: no Basic header can carry it
    }
  }
  return [...forms];
}

/** encodeURIComponent throws on a lone surrogate: such a value has no URL-encoded form. */
function attempt(encode: () => string): string | undefined {
  try {
    return encode();
  } catch {
    return undefined;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The secrets known for one exchange (or one run): values given (`--auth`, credential fixtures) and
 * values learned from the fields an exchange names like credentials. `extend` gives a book for one
 * exchange that also knows the run's secrets, without adding its own to the run's.
 */
export class SecretBook {
  readonly #secrets = new Set<string>();
  readonly #parent: SecretBook | undefined;
  #plan: { form: string; standalone?: RegExp }[] | undefined;

  constructor(values: Iterable<string> = [], parent?: SecretBook) {
    this.#parent = parent;
    for (const value of values) this.add(value);
  }

  extend(): SecretBook {
    return new SecretBook([], this);
  }

  /** A secret value; an Authorization-like value (`Scheme credentials`) adds its parts too. */
  add(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return;
    for (const secret of partsOf(String(value).trim())) {
      if (secret.length >= MIN_SECRET && secret !== REDACTED && !this.#secrets.has(secret)) {
        this.#secrets.add(secret);
        this.#plan = undefined;
      }
    }
  }

  get secrets(): string[] {
    return [...new Set([...(this.#parent?.secrets ?? []), ...this.#secrets])];
  }

  /** The text with every known secret removed, in every form it can be written in. */
  redact(text: string): string {
    let out = text;
    for (const { form, standalone } of this.#planned()) out = standalone ? out.replace(standalone, REDACTED) : out.split(form).join(REDACTED);
    return out;
  }

  #planned() {
    this.#plan ??= [...new Set(this.secrets.flatMap(formsOf))]
      .sort((a, b) => b.length - a.length)
      .map((form) => (form.length >= MIN_ANYWHERE ? { form } : { form, standalone: new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g') }));
    return this.#plan;
  }
}

/**
 * A credential and its parts: the token of `Bearer <token>` (any scheme, a token of 8 characters or
 * more); for Basic also `user:password` and the password.
 */
export function partsOf(value: string): string[] {
  const parts = [value];
  const m = /^([A-Za-z][\w-]*)\s+(\S+)$/.exec(value);
  if (!m) return parts;
  const basic = m[1]!.toLowerCase() === 'basic';
  if (m[2]!.length >= MIN_ANYWHERE || basic) parts.push(m[2]!);
  if (!basic) return parts;
  try {
    const decoded = atob(m[2]!);
    parts.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
  } catch {
    // not base64: the raw value is already covered
  }
  return parts;
}

/** An exchange as it is judged, printed and recorded. */
export interface ExchangeText {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; text: string };
}

/** Learns the secrets an exchange names (credential headers, query parameters, JSON and form fields). */
export function learnExchange(exchange: ExchangeText, book: SecretBook): void {
  const { request, response } = exchange;
  learnHeaders(request.headers, book);
  learnQuery(request.url, book);
  if (request.body !== undefined) learnBody(request.body, book);
  if (response) {
    learnHeaders(response.headers, book);
    learnBody(response.text, book);
  }
}

/** The exchange with its secrets removed: credential fields replaced, known secrets cut out of every other value. */
export function redactExchange<E extends ExchangeText>(exchange: E, book: SecretBook): E {
  const { request, response } = exchange;
  return {
    ...exchange,
    request: { ...request, url: redactUrl(request.url, book), headers: redactHeaders(request.headers, book), ...(request.body !== undefined ? { body: redactBody(request.body, book) } : {}) },
    ...(response ? { response: { ...response, headers: redactHeaders(response.headers, book), text: redactBody(response.text, book) } } : {}),
  };
}

function learnHeaders(headers: Record<string, string>, book: SecretBook): void {
  for (const [name, value] of Object.entries(headers)) if (isCredentialName(name)) book.add(value);
}

export function redactHeaders(headers: Record<string, string>, book: SecretBook): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialName(name) ? REDACTED : book.redact(value)]));
}

/** `name=value` pairs of a query string or a form body, names and values decoded. */
function pairsOf(text: string): { raw: string; name: string; value: string }[] {
  return text.split('&').map((raw) => {
    const eq = raw.indexOf('=');
    return { raw, name: decodeForm(eq < 0 ? raw : raw.slice(0, eq)), value: decodeForm(eq < 0 ? '' : raw.slice(eq + 1)) };
  });
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function learnQuery(url: string, book: SecretBook): void {
  const q = url.indexOf('?');
  if (q >= 0) learnPairs(url.slice(q + 1), book);
}

function learnPairs(text: string, book: SecretBook): void {
  for (const { name, value } of pairsOf(text)) if (isCredentialName(name)) book.add(value);
}

/** Pairs whose name is a credential get `[REDACTED]`; the others keep their text, known secrets removed. */
function redactPairs(text: string, book: SecretBook): string {
  return pairsOf(text)
    .map(({ raw, name }) => (isCredentialName(name) ? `${raw.includes('=') ? raw.slice(0, raw.indexOf('=')) : raw}=${REDACTED}` : book.redact(raw)))
    .join('&');
}

export function redactUrl(url: string, book: SecretBook): string {
  const q = url.indexOf('?');
  return q < 0 ? book.redact(url) : `${book.redact(url.slice(0, q))}?${redactPairs(url.slice(q + 1), book)}`;
}

const looksLikeForm = (text: string) => /^[^\s={}[\]"]+=[^\s]*$/.test(text.trim());

function learnBody(text: string, book: SecretBook): void {
  const json = readJson(text);
  if (json.ok) learnJson(json.value, book, false, 0);
  else if (looksLikeForm(text)) learnPairs(text.trim(), book);
  else learnLooseJson(text, book);
}

/** A body with its secrets removed: JSON and form bodies field by field (rewritten only when something was removed), any other text by value. */
export function redactBody(text: string, book: SecretBook): string {
  const json = readJson(text);
  if (json.ok) {
    const redacted = redactJson(json.value, book, false, 0);
    return redacted.changed ? JSON.stringify(redacted.value) : book.redact(text);
  }
  return looksLikeForm(text) ? redactPairs(text.trim(), book) : book.redact(text);
}

/** JSON that can be walked safely: parsed, and nested no deeper than MAX_DEPTH. */
function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed) || nesting(trimmed) > MAX_DEPTH) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length && max <= MAX_DEPTH; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

function learnJson(value: unknown, book: SecretBook, credential: boolean, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (credential) book.add(value);
    else if (/^\s*[[{]/.test(value)) learnBody(value, book);
  } else if (typeof value === 'number') {
    if (credential) book.add(value);
  } else if (Array.isArray(value)) {
    for (const child of value) learnJson(child, book, credential, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) learnJson(child, book, credential || isCredentialName(key), depth + 1);
  }
}

function redactJson(value: unknown, book: SecretBook, credential: boolean, depth: number): { value: unknown; changed: boolean } {
  if (credential && value !== null && value !== '') return { value: REDACTED, changed: true };
  if (typeof value === 'string') {
    const nested = /^\s*[[{]/.test(value) && depth < MAX_DEPTH ? redactBody(value, book) : book.redact(value);
    return { value: nested, changed: nested !== value };
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return { value, changed: false };
  let changed = false;
  const walk = (child: unknown, key?: string) => {
    const r = redactJson(child, book, key !== undefined && isCredentialName(key), depth + 1);
    changed ||= r.changed;
    return r.value;
  };
  const out = Array.isArray(value) ? value.map((child) => walk(child)) : Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child, key)]));
  return { value: out, changed };
}

/**
 * `"name": value` pairs found in text that is not (or not only) valid JSON: a body cut at the size
 * kept, nested too deep, or JSON inside other text. Names are unescaped before the table is asked.
 * Bounded (names, values and how many are learned), so hostile text cannot make this slow.
 */
function learnLooseJson(text: string, book: SecretBook): void {
  let learned = 0;
  for (const m of text.matchAll(/"((?:[^"\\\n]|\\.){1,100})"\s*:\s*/g)) {
    if (!isCredentialName(unescapeJson(m[1]!))) continue;
    const value = looseValueAt(text, m.index + m[0].length);
    if (value !== undefined) book.add(value);
    if (++learned >= MAX_LOOSE_VALUES) return;
  }
}

const MAX_LOOSE_VALUES = 100;
const MAX_LOOSE_VALUE = 4_096;

/** The string or number that starts at `at`, if it ends within MAX_LOOSE_VALUE characters. */
function looseValueAt(text: string, at: number): string | undefined {
  if (text[at] !== '"') return /^-?\d[\d.eE+-]{0,40}/.exec(text.slice(at, at + 42))?.[0];
  const end = Math.min(text.length, at + MAX_LOOSE_VALUE);
  for (let i = at + 1; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return unescapeJson(text.slice(at + 1, i));
  }
  return undefined;
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** How much of a failure's text is kept, after redaction. */
export const CUT_AT = { text: 300, hint: 1_000, reproduce: 8_192 };

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** A failure as reports show it: every text redacted, then cut. */
export function redactFailure(failure: Failure, book: SecretBook): Failure {
  return {
    ...failure,
    scenario: book.redact(failure.scenario),
    expected: cut(book.redact(failure.expected), CUT_AT.text),
    actual: cut(book.redact(failure.actual), CUT_AT.text),
    hint: cut(book.redact(failure.hint), CUT_AT.hint),
    ...(failure.reproduce !== undefined ? { reproduce: cut(book.redact(failure.reproduce), CUT_AT.reproduce) } : {}),
  };
}
