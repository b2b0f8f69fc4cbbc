import { describe, expect, it } from 'vitest';
import { cut, isCredentialName, learnExchange, redactExchange, redactFailure, REDACTED, SecretBook, type ExchangeText } from './redact.ts';

describe('the table of credential names', () => {
  it.each(['password', 'Password', 'client_secret', 'clientSecret', 'Client-Secret', 'X-Api-Key', 'apiToken', 'access_token', 'Authorization', 'WWW-Authenticate', 'Set-Cookie', 'cvv', 'CVC2', 'pin', 'PIN', 'privateKey', 'x-cardmock-control-token'])('%s is a credential', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });
  it.each(['pinStatus', 'x-cardmock-session', 'customerId', 'cardNumber', 'targetCustomerId', 'message'])('%s is not', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

const exchange = (request: Partial<ExchangeText['request']>, response?: Partial<NonNullable<ExchangeText['response']>>): ExchangeText => ({
  request: { method: 'POST', url: '/x', headers: {}, ...request },
  ...(response ? { response: { status: 200, headers: {}, text: '', ...response } } : {}),
});

/** Every string of the redacted exchange, as it could be written. */
function written(e: ExchangeText, book = new SecretBook()): string {
  learnExchange(e, book);
  return JSON.stringify(redactExchange(e, book));
}

describe('a secret is removed in every form it takes', () => {
  const secret = 'p@ss w/rd="x"+1';
  it.each([
    ['raw, in a text answer', exchange({ body: JSON.stringify({ password: secret }) }, { text: `you sent ${secret}` })],
    ['JSON-escaped, inside JSON text in a string', exchange({ body: JSON.stringify({ password: secret }) }, { text: JSON.stringify({ detail: JSON.stringify({ echo: secret }) }) })],
    ['\\u-escaped JSON', exchange({ body: JSON.stringify({ password: secret }) }, { text: `{"echo":"${[...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}` })],
    ['URL-encoded, in a query', exchange({ body: JSON.stringify({ password: secret }), url: `/x?echo=${encodeURIComponent(secret)}` })],
    ['form-encoded', exchange({ body: JSON.stringify({ password: secret }) }, { text: `echo=${new URLSearchParams({ a: secret }).toString().slice(2)}` })],
    ['base64 of Basic credentials', exchange({ headers: { authorization: `Basic ${btoa(`user:${secret}`)}` } }, { text: `{"seen":"${btoa(`user:${secret}`)}","user":"user:${secret}"}` })],
  ])('%s', (_name, e) => {
    const out = written(e);
    expect(out).toContain(REDACTED);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), btoa(`user:${secret}`)]) expect(out).not.toContain(form);
  });

  it('a value known beforehand (--auth) is removed where no field names it', () => {
    const book = new SecretBook(['Bearer given-token-1234567']);
    expect(written(exchange({}, { text: 'token given-token-1234567 expired' }), book)).not.toContain('given-token-1234567');
  });

  it('a short value is removed where it stands alone, not inside other numbers', () => {
    const out = written(exchange({ body: '{"pin":4321}' }, { text: 'pin 4321 wrong; request 143210 took 4321ms' }));
    expect(out).toContain(`pin ${REDACTED} wrong; request 143210 took 4321ms`);
  });

  it('values of a body cut short (not JSON) are still learned by their names', () => {
    const out = written(exchange({ body: '{"pin": 8642, "cvv": "753", "note": "xxxxx' }, { text: 'pin 8642, cvv 753' }));
    expect(out).not.toMatch(/8642|753/);
  });

  it('a JSON body is rewritten only where something was removed, so replays stay byte-equal', () => {
    const text = '{ "cardId" :  "c-1" }';
    expect(JSON.parse(written(exchange({}, { text }))).response.text).toBe(text);
  });
});

describe('redaction never throws and stays fast on hostile text', () => {
  it.each([
    ['JSON nested 10 000 deep', `${'{"a":'.repeat(10_000)}{"password":"deep-secret-1"}${'}'.repeat(10_000)}`],
    ['an unterminated credential string, many times', '{"password":"'.repeat(50_000)],
    ['lone surrogates', '{"password":"\ud800x\udfff"}'],
    ['not JSON at all', '\u0000\u0001 password=a&&&=&'],
  ])('%s', (_name, body) => {
    const started = performance.now();
    expect(() => written(exchange({ body }, { text: body }))).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('failures are redacted, then cut', () => {
  it('a secret straddling the cut leaves nothing behind', () => {
    const token = 'T'.repeat(10) + 'secret-part-'.repeat(20);
    const book = new SecretBook([`Bearer ${token}`]);
    const failure = redactFailure({ check: 'noServerError', operation: 'op', scenario: 's', expected: 'no 5xx', actual: `500 ${'x'.repeat(250)} ${token}`, hint: 'h' }, book);
    expect(failure.actual).not.toMatch(/TTTT|secret-part/);
    expect(failure.actual.length).toBeLessThan(400);
  });

  it('cut says how much it left out', () => {
    expect(cut('abcdef', 3)).toBe('abc… (3 more characters)');
    expect(cut('abc', 3)).toBe('abc');
  });
});
