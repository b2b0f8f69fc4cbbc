import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { documents } from '../../generated/documents.ts';
import { operationsOf } from '../../specs/lib/operations.ts';
import { describeSource } from '../../specs/lib/rules.ts';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { CARDMOCK_RULES } from '../core/responses/cardmock-rules.ts';
import { MAX_FAULT_RULES } from '../core/request/faults.ts';
import { sampleCall } from '../core/sample-call.ts';
import { allVendors } from '../vendors/index.ts';
import { serveDuringSuite } from '../testing/suite-server.ts';

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
const assign = sampleCall(paysafe, 'assignBulkCard');

/** Raw HTTP, so that header bytes are sent as given (fetch refuses non-ASCII header values). */
function send(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('control API limits', () => {
  const server = serveDuringSuite();

  it('POST /faults answers 201 with the rule it created, not the whole list', async () => {
    const headers = { 'x-cardmock-session': 'faults-created' };
    const rule = { vendor: 'paysafe', operationId: 'assignBulkCard', status: 503, times: 2 };
    const first = await send(server().url, 'POST', '/__cardmock/faults', headers, JSON.stringify(rule));
    expect([first.status, first.json]).toEqual([201, rule]);
    const second = await send(server().url, 'POST', '/__cardmock/faults', headers, JSON.stringify({ vendor: 'pismo', delayMs: 5 }));
    expect([second.status, second.json]).toEqual([201, { vendor: 'pismo', delayMs: 5 }]);
  });

  it(`a session holds at most ${MAX_FAULT_RULES} fault rules; the next gets a clear 400`, async () => {
    const headers = { 'x-cardmock-session': 'faults-cap' };
    const rule = JSON.stringify({ vendor: 'paysafe', delayMs: 1 });
    for (let i = 0; i < MAX_FAULT_RULES; i++) expect((await send(server().url, 'POST', '/__cardmock/faults', headers, rule)).status).toBe(201);
    const over = await send(server().url, 'POST', '/__cardmock/faults', headers, rule);
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 'FAULT_RULE_LIMIT', message: expect.stringContaining(`${MAX_FAULT_RULES}`) });
    expect((await send(server().url, 'DELETE', '/__cardmock/faults', headers)).status).toBe(200);
    expect((await send(server().url, 'POST', '/__cardmock/faults', headers, rule)).status).toBe(201);
  });

  describe('session names are validated the same way on vendor and control paths', () => {
    const vendorCall = (session: string) => send(server().url, assign.method, `/paysafe${assign.path}`, { ...assign.headers, 'x-cardmock-session': session }, assign.body!);
    const reset = (session: string) => send(server().url, 'POST', '/__cardmock/reset', { 'x-cardmock-session': session });

    it('200 visible ASCII characters work on both; the session can be reset', async () => {
      const name = 's'.repeat(199) + '~';
      const made = await vendorCall(name);
      expect(made.status).toBe(200);
      expect(made.headers['x-cardmock-session']).toBe(name);
      expect((await reset(name)).status).toBe(200);
      expect((await vendorCall(name)).status).toBe(200);
    });

    it.each([
      ['201 characters', 's'.repeat(201)],
      ['16 000 characters', 's'.repeat(16_000)],
      ['UTF-8 bytes (café)', Buffer.from('café', 'utf8').toString('latin1')],
      ['a space', 'my session'],
      ['a control character', 'a\tb'],
    ])('%s: refused with a clear 400 on both', async (_name, session) => {
      const onVendor = await vendorCall(session);
      expect(onVendor.status).toBe(400);
      expect(JSON.stringify(onVendor.json)).toMatch(/x-cardmock-session.*1 to 200 visible ASCII characters/);
      const onControl = await reset(session);
      expect(onControl.status).toBe(400);
      expect(JSON.stringify(onControl.json)).toMatch(/x-cardmock-session.*1 to 200 visible ASCII characters/);
    });
  });
});

describe('explicit control dispatch', () => {
  it('maps every control operation of the spec to a named handler or a vendor fixtures handler', async () => {
    const { handlerMap } = await import('./control-api.ts');
    const { documents } = await import('../../generated/documents.ts');
    const { operationsOf } = await import('../../specs/lib/operations.ts');
    const map = handlerMap(documents['cardmock-control']);
    expect([...map.keys()].sort()).toEqual(operationsOf(documents['cardmock-control'], 'cardmock-control').map((o) => o.operationId).sort());
  });

  it('refuses, at start, a control operation without a handler', async () => {
    const { handlerMap } = await import('./control-api.ts');
    const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/__cardmock/x': { get: { operationId: 'somethingNew', responses: {} } } } };
    expect(() => handlerMap(document as never)).toThrow(/control operation somethingNew has no handler/);
  });
});

describe('rules in the control API', () => {
  const server = serveDuringSuite();
  const control = documents['cardmock-control'];
  const registry = createSchemaRegistry(control, 'control-rules');
  const schemaOf = (operationId: string) =>
    operationsOf(control, 'cardmock-control').find((o) => o.operationId === operationId)!.responses.find((r) => r.status === 200)!.content['application/json']!.schema!;

  it("GET /vendors lists each operation's rules with their sentence and source, and cardmock's own, as the control spec says", async () => {
    const { json } = await send(server().url, 'GET', '/__cardmock/vendors', {});
    const validate = registry.validator(schemaOf('listVendors'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    for (const vendor of allVendors) {
      const listed = json.vendors.find((v: { name: string }) => v.name === vendor.name).operations[0].rules;
      const rules = vendor.responses.operations[0]!.rules;
      expect(listed).toEqual(rules.map((r) => ({ id: r.id, rule: r.rule, provenance: r.provenance, source: describeSource(r.source) })));
    }
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(CARDMOCK_RULES));
  });

  it('the request log names the rule of each answer, as the control spec says', async () => {
    const headers = { 'x-cardmock-session': 'rules-logged' };
    await send(server().url, assign.method, `/paysafe${assign.path}`, { ...assign.headers, ...headers }, assign.body);
    await send(server().url, assign.method, `/paysafe${assign.path}`, { ...assign.headers, ...headers }, assign.body);
    const { json } = await send(server().url, 'GET', '/__cardmock/requests', headers);
    const validate = registry.validator(schemaOf('getRequestLog'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.requests.map((r: { status: number; rule: string }) => [r.status, r.rule])).toEqual([
      [200, 'paysafe.assign.assigns-card'],
      [400, 'paysafe.assign.not-reassigned'],
    ]);
  });
});
