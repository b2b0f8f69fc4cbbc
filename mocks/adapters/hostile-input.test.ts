/**
 * The hostile-input catalog, over HTTP, for every operation of every vendor (derived from the
 * specs and each vendor's sample call): each case gets a documented 4xx in the vendor's envelope
 * (405 with Allow for a method the spec does not list), named by its rule (`x-cardmock-rule`),
 * never a 5xx, a stack trace or a hang, and the server keeps serving.
 */
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { CARDMOCK_RULES } from '../core/responses/cardmock-rules.ts';
import { sampleCall, type ConcreteCall } from '../core/sample-call.ts';
import type { VendorModule } from '../core/vendor.ts';
import { allVendors } from '../vendors/index.ts';
import { serveDuringSuite } from '../testing/suite-server.ts';

interface Raw {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(url: string, raw: Raw): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Node's client sends a DELETE body with no length unless told: always state it.
    const headers = raw.body === undefined ? raw.headers : { ...raw.headers, 'content-length': String(Buffer.byteLength(raw.body)) };
    const req = http.request(`${url}${raw.path}`, { method: raw.method, headers, agent: false, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end(raw.body);
  });
}

/** The catalog for one operation; a case is left out when it does not apply (no body, no query). */
function catalog(vendor: VendorModule, operationId: string, session: () => string): [string, Raw, { status?: number }][] {
  const op = vendor.responses.operation(operationId);
  const call: ConcreteCall = sampleCall(vendor, operationId);
  const prefix = `/${vendor.name}`;
  const base = (extra: Partial<Raw> = {}): Raw => ({
    method: call.method,
    path: `${prefix}${call.path}`,
    headers: { ...call.headers, 'x-cardmock-session': session(), ...extra.headers },
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...extra,
    ...(extra.headers ? { headers: { ...call.headers, 'x-cardmock-session': session(), ...extra.headers } } : {}),
  });
  const json = { 'content-type': 'application/json' };
  const cases: [string, Raw, { status?: number }][] = [];
  if (op.requestBody) {
    cases.push(
      ['malformed JSON', base({ body: '{"a": ', headers: json }), {}],
      ['JSON array', base({ body: '[]', headers: json }), {}],
      ['JSON string', base({ body: '"text"', headers: json }), {}],
      ['JSON null', base({ body: 'null', headers: json }), {}],
      ['wrong content type', base({ headers: { 'content-type': 'text/plain' }, body: call.body ?? '{}' }), {}],
      ['body over 1 MB', base({ body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }), headers: json }), {}],
      ['JSON nested 10 000 deep', base({ body: '['.repeat(10_000) + ']'.repeat(10_000), headers: json }), {}],
      // Inside an otherwise valid body, where an open schema would store it and its state would not serialise.
      ['object nested 5 000 deep in a valid body', base({ body: (call.body ?? '{}').replace(/}\s*$/, `,"extra":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`), headers: json }), {}],
      ['invalid UTF-8', base({ body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: json }), {}],
    );
    const noType = base();
    delete noType.headers['content-type'];
    cases.push(['missing content type', { ...noType, body: call.body ?? '{}' }, {}]);
    if (op.requestBody.required) cases.push(['empty body', base({ body: '' }), {}]);
  }
  cases.push(['oversized header', base({ headers: { 'x-padding': 'p'.repeat(20_000) } }), {}]);
  // cardmock's own headers: decimal digits only, session names as on every other path.
  for (const delay of ['0x10', '1e3', '+5', '']) cases.push([`x-cardmock-delay ${JSON.stringify(delay)}`, base({ headers: { 'x-cardmock-delay': delay } }), {}]);
  for (const fault of ['0x1f7', '5.03e2']) cases.push([`x-cardmock-fault ${JSON.stringify(fault)}`, base({ headers: { 'x-cardmock-fault': fault } }), {}]);
  cases.push(
    ['session name of 201 characters', base({ headers: { 'x-cardmock-session': 's'.repeat(201) } }), {}],
    ['session name in UTF-8 (café)', base({ headers: { 'x-cardmock-session': Buffer.from('café').toString('latin1') } }), {}],
  );
  const firstParam = /\{([^}]+)\}/.exec(op.path)?.[1];
  if (firstParam) {
    const withParam = (value: string) => {
      const sample = vendor.samples.requests[operationId]!;
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === firstParam ? value : encodeURIComponent(String(sample.path[name]))));
      return base({ path: `${prefix}${path}${call.path.includes('?') ? call.path.slice(call.path.indexOf('?')) : ''}` });
    };
    cases.push(['path parameter ../', withParam('..'), {}], ['path parameter %00', withParam('%00'), {}], ['path parameter of 10 000 chars', withParam('9'.repeat(10_000)), {}]);
  }
  const query = op.parameters.find((p) => p.in === 'query');
  if (query) {
    const [path, qs = ''] = call.path.split('?');
    const params = new URLSearchParams(qs);
    params.append(query.name, 'duplicate');
    cases.push(['duplicate query parameter', base({ path: `${prefix}${path}?${params}` }), {}]);
  }
  const other = ['DELETE', 'PATCH', 'GET', 'PUT', 'POST'].find((m) => m !== call.method)!;
  cases.push([`unsupported method ${other}`, base({ method: other }), { status: 405 }]);
  return cases;
}

describe('hostile input over HTTP', () => {
  const server = serveDuringSuite();
  let n = 0;
  const session = () => `hostile-${++n}`;

  for (const vendor of allVendors) {
    const registry = createSchemaRegistry(vendor.document, vendor.name);
    for (const op of vendor.responses.operations) {
      describe(`${vendor.name} ${op.operationId}`, () => {
        it.each(catalog(vendor, op.operationId, session))('%s → documented 4xx in the vendor envelope', async (_name, raw, want) => {
          const answer = await send(server().url, raw);
          expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d+|<html/i);
          if (want.status === 405) {
            expect(answer.status).toBe(405);
            expect(answer.headers.allow).toBe(op.method.toUpperCase());
          } else {
            expect(answer.status).toBeGreaterThanOrEqual(400);
            expect(answer.status).toBeLessThan(500);
            expect(op.responses.map((r) => r.status)).toContain(answer.status);
          }
          const documented = op.responses.find((r) => r.status === answer.status) ?? op.responses.find((r) => r.status === 400 || r.status === 404)!;
          const [mediaType, media] = Object.entries(documented.content)[0]!;
          expect(answer.headers['content-type']).toBe(mediaType);
          // RFC 7807: a problem body's `status` repeats the HTTP status.
          if (mediaType === 'application/problem+json') expect(JSON.parse(answer.text).status).toBe(answer.status);
          const validate = registry.validator(media.schema!);
          expect(validate(JSON.parse(answer.text)), JSON.stringify(validate.errors)).toBe(true);
          // Named by a rule of the operation's catalogue, or one of cardmock's own (a request Node cannot parse).
          expect([...op.rules.map((r) => r.id), ...Object.keys(CARDMOCK_RULES)]).toContain(answer.headers['x-cardmock-rule']);
        });

        it('keeps serving afterwards', async () => {
          const call = sampleCall(vendor, op.operationId);
          const answer = await send(server().url, { method: call.method, path: `/${vendor.name}${call.path}`, headers: { ...call.headers, 'x-cardmock-session': session() }, ...(call.body ? { body: call.body } : {}) });
          expect(answer.status).toBeLessThan(300);
        });
      });
    }
  }
});

/** The same promise for cardmock's own surface: the control API and dashboard answer in cardmock's envelope. */
describe('hostile input to the control API and dashboard', () => {
  const server = serveDuringSuite();

  const cases: [string, Raw, number, string | undefined][] = [
    ['forged Host (DNS rebinding) on the control API', { method: 'POST', path: '/__cardmock/reset', headers: { host: 'evil.example' } }, 403, 'HOST_NOT_ALLOWED'],
    ['forged Host on the dashboard', { method: 'GET', path: '/__cardmock/', headers: { host: 'evil.example' } }, 403, 'HOST_NOT_ALLOWED'],
    ['session name of 201 characters', { method: 'POST', path: '/__cardmock/reset', headers: { 'x-cardmock-session': 's'.repeat(201) } }, 400, 'INVALID_REQUEST'],
    ['session name in UTF-8', { method: 'GET', path: '/__cardmock/faults', headers: { 'x-cardmock-session': Buffer.from('café').toString('latin1') } }, 400, 'INVALID_REQUEST'],
    ['fixtures nested 5 000 deep', { method: 'POST', path: '/__cardmock/enfuce/fixtures', headers: { 'content-type': 'application/json' }, body: `{"customers":[${'['.repeat(5_000)}${']'.repeat(5_000)}]}` }, 400, 'INVALID_REQUEST'],
    ['fault status in hex', { method: 'POST', path: '/__cardmock/faults', headers: { 'content-type': 'application/json' }, body: '{"vendor":"paysafe","status":"0x1f7"}' }, 400, 'INVALID_REQUEST'],
    ['HEAD on the dashboard', { method: 'HEAD', path: '/__cardmock/', headers: {} }, 200, undefined],
  ];

  it.each(cases)('%s → %d in cardmock\'s envelope', async (_name, raw, status, code) => {
    const answer = await send(server().url, raw);
    expect(answer.status).toBe(status);
    expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d+/);
    if (code) expect(JSON.parse(answer.text)).toMatchObject({ error: { code, message: expect.any(String) } });
    else expect(answer.text).toBe('');
  });
});
