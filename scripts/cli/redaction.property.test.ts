/**
 * Property: random secrets, put in random credential places of random exchanges (request and
 * answer headers, query, JSON fields at any depth, form fields) and echoed in random other places
 * (answer text, other fields, the path), never appear in anything written about the exchange —
 * the terminal line and failures, the exchanges list, the JSON, JUnit and Markdown reports, the
 * curl lines, the recording — and redaction never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBook } from '../../conformance/lib/redact.ts';
import { json } from '../../conformance/lib/reporters/json.ts';
import { junit } from '../../conformance/lib/reporters/junit.ts';
import { markdown } from '../../conformance/lib/reporters/markdown.ts';
import { formatFailure, summary } from '../../conformance/lib/reporters/terminal.ts';
import { exchangeLine, trafficReport } from '../../conformance/lib/traffic-report.ts';
import { judgeForwarded, type Answer, type Forwarded } from './proxy-exchange.ts';

const ASSIGN = '/customers/1231122232/prepaid/cards/f16ba382-eb42-481a-b08f-c57bdc9aae24/assignments';

/** Long secrets: any characters reports escape (quotes, backslash, markup, shell, URL), and non-ASCII. */
const longSecret = fc.stringMatching(/^[A-Za-z0-9"\\'<>&|%+/=:;é€ -]{10,40}$/).filter((s) => /[A-Za-z]{3}/.test(s) && s.trim() === s);
/** Short secrets (a cvv, a PIN), digits no other value of these exchanges is made of. */
const shortSecret = fc.stringMatching(/^[789]{3,4}$/);

const credentialField = fc.constantFrom('password', 'clientSecret', 'client_secret', 'apiToken', 'cvv', 'CVC', 'pin', 'x-api-key', 'accessToken');
const plainField = fc.constantFrom('note', 'detail', 'message', 'reference');
const filler = fc.stringMatching(/^[a-f]{0,12}$/);

/** Where the secret is put (named like a credential), and where it is echoed (not named). */
const placement = fc.record({
  named: fc.constantFrom('request-header', 'response-header', 'query', 'request-json', 'response-json', 'form'),
  field: credentialField,
  depth: fc.nat(4),
  echo: fc.constantFrom('none', 'response-text', 'response-json', 'response-header', 'request-json', 'query'),
  echoField: plainField,
  status: fc.constantFrom(200, 400, 418, 500),
  padding: fc.nat(400),
  numeric: fc.boolean(),
});

function nest(field: string, value: unknown, depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { [field]: value };
  for (let i = 0; i < depth; i++) node = { level: i, inner: node };
  return node;
}

type Placement = typeof placement extends fc.Arbitrary<infer T> ? T : never;

function exchangeOf(secret: string, p: Placement, other: string): { forwarded: Forwarded; answer: Answer } {
  const value = p.numeric && /^\d+$/.test(secret) ? Number(secret) : secret;
  const echoText = p.echo === 'none' ? '' : `${'x'.repeat(p.padding)} ${secret} ${other}`;
  const requestJson: Record<string, unknown> = { targetCustomerId: '1233333323', ...(p.named === 'request-json' ? nest(p.field, value, p.depth) : {}), ...(p.echo === 'request-json' ? { [p.echoField]: echoText } : {}) };
  const responseJson: Record<string, unknown> = { cardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24', ...(p.named === 'response-json' ? nest(p.field, value, p.depth) : {}), ...(p.echo === 'response-json' ? { [p.echoField]: echoText } : {}) };
  const query = [p.named === 'query' ? `${p.field}=${encodeURIComponent(secret)}` : '', p.echo === 'query' ? `${p.echoField}=${encodeURIComponent(echoText)}` : ''].filter(Boolean).join('&');
  const form = p.named === 'form';
  return {
    forwarded: {
      n: 1,
      vendor: 'paysafe',
      base: 'http://127.0.0.1:5999',
      rest: `${ASSIGN}${query ? `?${query}` : ''}`,
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...(p.named === 'request-header' ? { [p.field]: secret } : {}) },
      body: form ? `${p.field}=${encodeURIComponent(secret).replace(/%20/g, '+')}&${p.echoField}=${encodeURIComponent(other)}` : JSON.stringify(requestJson),
      bodyTruncated: false,
      ms: 3,
    },
    answer: {
      status: p.status,
      headers: {
        'content-type': p.echo === 'response-text' ? 'text/plain' : 'application/json',
        ...(p.named === 'response-header' ? { [p.field === 'x-api-key' ? 'www-authenticate' : p.field]: secret } : {}),
        ...(p.echo === 'response-header' ? { 'x-request-echo': echoText } : {}),
      },
      // A text answer that quotes a JSON body: its fields are still found by name.
      text: p.echo === 'response-text' ? `${echoText} ${JSON.stringify(responseJson)}` : JSON.stringify(responseJson),
      truncated: false,
    },
  };
}

/** Everything the proxy writes about one exchange. */
function outputs(forwarded: Forwarded, answer: Answer): string {
  const { judged, recording } = judgeForwarded(forwarded, answer, { kind: 'done' }, new SecretBook());
  const report = trafficReport({ target: forwarded.base, startedAt: new Date(0), vendors: ['paysafe'], exchanges: [judged] });
  const failures = [...judged.errors, ...judged.warnings, ...judged.requestProblems].map(formatFailure);
  return [exchangeLine(judged), ...failures, JSON.stringify({ exchanges: [judged] }), json(report), junit(report), markdown(report), summary(report), JSON.stringify(recording ?? {}, null, 2)].join('\n');
}

const forms = (s: string) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), new URLSearchParams({ v: s }).toString().slice(2)];
const standalone = (s: string) => new RegExp(`(?<![A-Za-z0-9])${s}(?![A-Za-z0-9])`);

describe('redaction, property', () => {
  it('a long secret, placed and echoed anywhere, appears in no output in any form', () => {
    fc.assert(
      fc.property(longSecret, placement, filler, (secret, p, other) => {
        const { forwarded, answer } = exchangeOf(secret, p, other);
        const written = outputs(forwarded, answer);
        for (const form of forms(secret)) expect(written).not.toContain(form);
      }),
      { numRuns: 300 },
    );
  });

  it('a short secret (cvv, PIN), placed and echoed anywhere, never stands alone in an output', () => {
    fc.assert(
      fc.property(shortSecret, placement, filler, (secret, p, other) => {
        const { forwarded, answer } = exchangeOf(secret, p, other);
        expect(outputs(forwarded, answer)).not.toMatch(standalone(secret));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the bodies and headers hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.dictionary(credentialField, fc.string({ maxLength: 20 })), (requestText, responseText, headers) => {
        const forwarded: Forwarded = { n: 1, vendor: 'paysafe', base: 'http://127.0.0.1:5999', rest: ASSIGN, method: 'POST', headers, body: requestText, bodyTruncated: false, ms: 1 };
        expect(() => outputs(forwarded, { status: 500, headers, text: responseText, truncated: false })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
