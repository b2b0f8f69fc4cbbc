/**
 * Presets through the control API, over HTTP and over MSW (`fetch` to the vendors' own hosts and to
 * the control API's MSW base): listed as the control spec says, applied to one session only, with
 * an outcome that depends on the preset alone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { documents } from '../../generated/documents.ts';
import { operationsOf, resolve } from '../../specs/lib/operations.ts';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { createHandlers, DEFAULT_CONTROL_BASE_URL, sandboxBaseUrl } from '../adapters/msw.ts';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { createEngine } from '../core/engine.ts';
import { MAX_FAULT_RULES } from '../core/request/faults.ts';
import { concreteCall } from '../core/sample-call.ts';
import { RULE_HEADER, SESSION_HEADER } from '../core/types.ts';
import { allVendors } from '../vendors/index.ts';
import { paysafeResponses } from '../vendors/paysafe/answers.ts';
import { ONLY_CARD } from '../vendors/paysafe/presets.ts';
import { AT_CARD_LIMIT, UNREGISTERED } from '../vendors/exchange-solutions/presets.ts';
import { SLOW_BIND_MS } from '../vendors/pismo/presets.ts';

const control = documents['cardmock-control'];
const registry = createSchemaRegistry(control, 'control-presets');
const operation = (id: string) => operationsOf(control, 'cardmock-control').find((o) => o.operationId === id)!;
const schemaOf = (id: string, status: number) => operation(id).responses.find((r) => r.status === status)!.content['application/json']!.schema!;
const exampleOf = (id: string, status: number, name: string) =>
  resolve<{ value: any }>(control, operation(id).responses.find((r) => r.status === status)!.content['application/json']!.examples![name] as never).value;
const vendor = (name: string) => allVendors.find((v) => v.name === name)!;
const presetsOf = (name: string) => vendor(name).presets ?? [];

interface Answer {
  status: number;
  rule: string | null;
  body: any;
}

/** cardmock over one transport, on an engine whose fault delays are recorded, not waited for. */
function overTransport(name: 'http' | 'msw') {
  const slept: number[] = [];
  const engine = createEngine({ vendors: allVendors, sleep: async (ms) => void slept.push(ms) });
  let server: RunningServer | undefined;
  const msw = setupServer(...createHandlers({ engine }));
  beforeAll(async () => {
    if (name === 'http') server = await startServer({ engine, port: 0 });
    else msw.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    msw.close();
    await server?.close();
  });
  beforeEach(() => void (slept.length = 0));
  const send = async (url: string, session: string, init: { method: string; headers?: Record<string, string>; body?: unknown }): Promise<Answer> => {
    const headers: Record<string, string> = { ...init.headers, [SESSION_HEADER]: session };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await response.text();
    return { status: response.status, rule: response.headers.get(RULE_HEADER), body: text ? JSON.parse(text) : undefined };
  };
  const controlBase = () => (name === 'http' ? server!.url : DEFAULT_CONTROL_BASE_URL);
  return {
    slept,
    control: (session: string, method: string, path: string, body?: unknown) => send(`${controlBase()}/__cardmock${path}`, session, { method, body }),
    /** The operation's sample call, with the path parameters given instead of the sample's. */
    call(session: string, vendorName: string, operationId: string, path: Record<string, string | number> = {}) {
      const module = vendor(vendorName);
      const sample = module.samples.requests[operationId]!;
      const call = concreteCall(module, operationId, { ...sample, path: { ...sample.path, ...path } });
      const base = name === 'http' ? `${server!.url}/${vendorName}` : sandboxBaseUrl(module);
      return send(`${base}${call.path}`, session, { method: call.method, headers: call.headers, ...(call.body ? { body: JSON.parse(call.body) } : {}) });
    },
  };
}

describe.each(['http', 'msw'] as const)('presets in the control API, over %s', (name) => {
  const cardmock = overTransport(name);
  const apply = (session: string, id: string) => cardmock.control(session, 'POST', `/presets/${id}`);

  it('lists every preset each vendor declares, its fault rules on its vendor, as the control spec says', async () => {
    const listed = await cardmock.control('list', 'GET', '/presets');
    expect(listed.status).toBe(200);
    const validate = registry.validator(schemaOf('listPresets', 200));
    expect(validate(listed.body), JSON.stringify(validate.errors)).toBe(true);
    expect(listed.body.presets.map((p: { id: string }) => p.id)).toEqual(allVendors.flatMap((v) => (v.presets ?? []).map((p) => p.id)));
    for (const preset of listed.body.presets) expect(preset.faults ?? []).toEqual((preset.faults ?? []).map((f: object) => ({ ...f, vendor: preset.vendor })));
    // The spec's example is one of them, as listed.
    for (const example of exampleOf('listPresets', 200, 'PRESETS').presets) expect(listed.body.presets).toContainEqual(example);
  });

  it("paysafe.only-card-assigned: assigning its customer's only card is refused as assigned already, in that session only", async () => {
    const applied = await apply('preset-a', 'paysafe.only-card-assigned');
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ ...exampleOf('applyPreset', 200, 'PAYSAFE_ONLY_CARD_ASSIGNED'), session: 'preset-a' });
    const assign = (session: string) => cardmock.call(session, 'paysafe', 'assignBulkCard', { customerId: ONLY_CARD.customerId, cardId: ONLY_CARD.cardId });
    const refused = await assign('preset-a');
    expect([refused.status, refused.rule, refused.body]).toEqual([400, 'paysafe.assign.not-reassigned', paysafeResponses.example('assignBulkCard', 400, 'ALREADY_ASSIGNED_CARD').body]);
    // Another session never saw the preset: its customer does not exist there.
    expect((await assign('preset-b')).rule).toBe('paysafe.assign.customer-exists');
  });

  it('exchange-solutions.account-at-card-limit: adding a card is refused and adds nothing', async () => {
    await apply('preset-es', 'exchange-solutions.account-at-card-limit');
    const added = await cardmock.call('preset-es', 'exchange-solutions', 'addCardsToAccount', { correlation_id: AT_CARD_LIMIT.correlationId });
    expect([added.status, added.rule]).toEqual([400, 'exchange-solutions.add-cards.card-limit']);
    const state = await cardmock.control('preset-es', 'GET', '/exchange-solutions/state');
    const account = state.body.accounts.find((a: { accountId: string }) => a.accountId === AT_CARD_LIMIT.accountId);
    expect(account.cards.map((c: { cardNumber: string }) => c.cardNumber)).toEqual(AT_CARD_LIMIT.cards);
  });

  it('exchange-solutions.member-not-registered: adding a card is refused as unregistered', async () => {
    await apply('preset-es', 'exchange-solutions.member-not-registered');
    const added = await cardmock.call('preset-es', 'exchange-solutions', 'addCardsToAccount', { correlation_id: UNREGISTERED.correlationId });
    expect([added.status, added.rule]).toEqual([400, 'exchange-solutions.add-cards.account-registered']);
  });

  it('pismo.slow-bind: the bind waits its delay, then binds; other sessions bind at once', async () => {
    await apply('preset-slow', 'pismo.slow-bind');
    expect((await cardmock.call('preset-slow', 'pismo', 'post-v2-card-bind')).rule).toBe('pismo.bind.binds-unbound-card');
    expect(cardmock.slept).toEqual([SLOW_BIND_MS]);
    expect((await cardmock.call('preset-quick', 'pismo', 'post-v2-card-bind')).rule).toBe('pismo.bind.binds-unbound-card');
    expect(cardmock.slept).toEqual([SLOW_BIND_MS]);
  });

  it("pismo.bind-fails: every bind answers the preset's fault status", async () => {
    await apply('preset-fails', 'pismo.bind-fails');
    const status = presetsOf('pismo').find((p) => p.id === 'pismo.bind-fails')!.faults![0]!.status;
    expect((await cardmock.call('preset-fails', 'pismo', 'post-v2-card-bind')).status).toBe(status);
    expect((await cardmock.call('preset-fails', 'pismo', 'post-v2-card-bind')).status).toBe(status);
  });

  it("is deterministic: applied again, the vendor holds the preset's state whatever happened since", async () => {
    await apply('preset-again', 'paysafe.only-card-assigned');
    const first = await cardmock.control('preset-again', 'GET', '/paysafe/state');
    expect((await cardmock.call('preset-again', 'paysafe', 'assignBulkCard')).status).toBe(200);
    expect((await cardmock.control('preset-again', 'GET', '/paysafe/state')).body).not.toEqual(first.body);
    await apply('preset-again', 'paysafe.only-card-assigned');
    expect((await cardmock.control('preset-again', 'GET', '/paysafe/state')).body).toEqual(first.body);
    expect((await cardmock.control('preset-again', 'GET', '/requests')).body.requests).toEqual([]);
  });

  it("switching presets replaces the vendor's fault rules and leaves other vendors' alone", async () => {
    const paysafeFault = { vendor: 'paysafe', delayMs: 1 };
    expect((await cardmock.control('preset-switch', 'POST', '/faults', paysafeFault)).status).toBe(201);
    await apply('preset-switch', 'pismo.slow-bind');
    const switched = await apply('preset-switch', 'pismo.bind-fails');
    expect(switched.body.faults).toEqual(presetsOf('pismo').find((p) => p.id === 'pismo.bind-fails')!.faults!.map((f) => ({ vendor: 'pismo', ...f })));
    expect((await cardmock.control('preset-switch', 'GET', '/faults')).body.faults).toEqual([paysafeFault, ...switched.body.faults]);
  });

  it('refuses a preset it does not have (404, naming the presets), of a vendor it does not serve (404), or a malformed name (400)', async () => {
    const missing = await apply('preset-missing', 'paysafe.no-such-preset');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(missing.body.error.message).toBe(`paysafe has no preset paysafe.no-such-preset (presets: ${presetsOf('paysafe').map((p) => p.id).join(', ')})`);
    const notServed = await apply('preset-missing', 'visa.cheap-cards');
    expect([notServed.status, notServed.body]).toEqual([404, exampleOf('applyPreset', 404, 'NOT_FOUND')]);
    const malformed = await apply('preset-missing', 'paysafe');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    expect(malformed.body.error.details.join()).toMatch(/path preset must match the pattern/);
  });

  it(`refuses, changing nothing, a preset whose fault rules would take the session past ${MAX_FAULT_RULES}`, async () => {
    for (let i = 0; i < MAX_FAULT_RULES; i++) await cardmock.control('preset-full', 'POST', '/faults', { vendor: 'paysafe', delayMs: 1 });
    const refused = await apply('preset-full', 'pismo.slow-bind');
    expect([refused.status, refused.body.error.code]).toEqual([400, 'FAULT_RULE_LIMIT']);
    expect((await cardmock.control('preset-full', 'GET', '/faults')).body.faults.filter((f: { vendor: string }) => f.vendor === 'pismo')).toEqual([]);
  });
});
