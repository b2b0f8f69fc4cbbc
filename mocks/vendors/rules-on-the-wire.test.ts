/**
 * Every rule of every catalogue (`x-cardmock-rules`) the mock can answer, observed on the wire: one
 * request per rule, sent straight to the engine, through MSW and over HTTP, answered with the
 * rule's status and named example (from the catalogue, never restated here), the rule in
 * `x-cardmock-rule`, and the rule in the session's request log. The table is typed by `RuleId`, so
 * a rule added to a spec does not compile until it has a request here or a reason it has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleId } from '../../generated/rules.ts';
import { CARDMOCK_RULES, type CardmockRuleId } from '../core/responses/cardmock-rules.ts';
import { concreteCall } from '../core/sample-call.ts';
import { DEFAULT_SESSION, RULE_HEADER } from '../core/types.ts';
import type { SampleCall, VendorModule } from '../core/vendor.ts';
import { TRANSPORTS, createTransport, type SentRequest } from '../testing/transports.ts';
import { pismoAccountToken } from './pismo/account-token.ts';
import { allVendors } from './index.ts';

interface RuleCase {
  /** Requests sent first, in the same session (a bind before the bind that finds the card bound). */
  before?: SentRequest[];
  request: SentRequest;
  /** JSON pointers of the body that this occurrence fills in (a detail, field errors, new IDs): present, and not compared with the example. */
  fills?: string[];
}
type Unanswered = { unanswered: string };
/** For cardmock's own rules, which have no catalogue answer: the status, and the vendor whose envelope carries it. */
type OwnCase = RuleCase & { vendor: string; status: number };

const vendor = (name: string): VendorModule => allVendors.find((v) => v.name === name)!;
const operationOf = (module: VendorModule) => module.responses.operations[0]!;

/** The vendor's sample call (a success on the default fixtures) with some of it changed; `null` drops a header. */
function call(name: string, change: { path?: SampleCall['path']; headers?: Record<string, string | null>; body?: unknown; method?: string } = {}): SentRequest {
  const module = vendor(name);
  const operationId = operationOf(module).operationId;
  const sample = module.samples.requests[operationId]!;
  const concrete = concreteCall(module, operationId, {
    ...sample,
    path: { ...sample.path, ...change.path },
    ...('body' in change ? { body: change.body } : {}),
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...concrete.headers, ...sample.headers, ...change.headers })) if (v !== null && v !== undefined) headers[k] = v;
  return { method: change.method ?? concrete.method, path: concrete.path, headers, ...(concrete.body !== undefined ? { body: concrete.body } : {}) };
}

const pismo = (change?: Parameters<typeof call>[1]) => call('pismo', change);
const paysafe = (change?: Parameters<typeof call>[1]) => call('paysafe', change);
const enfuce = (change?: Parameters<typeof call>[1]) => call('enfuce', change);
const capillary = (body: Record<string, unknown>, headers?: Record<string, string | null>) =>
  call('capillary', { body: { seriesId: 224, cardNumber: 'rule-0001', statusLabel: 'NOT_ISSUED', ...body }, ...(headers ? { headers } : {}) });
const es = vendor('exchange-solutions').samples.fixtures;
const exchange = (session: string | number | undefined, body: unknown, headers?: Record<string, string | null>) =>
  call('exchange-solutions', { path: { correlation_id: String(session) }, body, ...(headers ? { headers } : {}) });
const physical = (...loyaltyIds: string[]) => ({ physicalCards: loyaltyIds.map((loyaltyId) => ({ loyaltyId })) });
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const { fixtures: capillaryFixtures } = vendor('capillary').samples;
const ps = vendor('paysafe').samples.fixtures;
const enfuceBody = () => JSON.parse(enfuce().body as string) as Record<string, unknown>;

const CASES: { [R in RuleId]: RuleCase | Unanswered } = {
  'pismo.bind.binds-unbound-card': { request: pismo() },
  'pismo.bind.reissues-card': { request: pismo({ path: { cardId: 7002 }, body: { reissued_card_id: 7100 } }) },
  'pismo.bind.card-unbound': { before: [pismo()], request: pismo(), fills: ['/detail'] },
  'pismo.bind.card-exists': { request: pismo({ path: { cardId: 9999 } }), fills: ['/detail'] },
  'pismo.bind.reissued-card-exists': { request: pismo({ body: { reissued_card_id: 9999 } }), fills: ['/detail'] },
  'pismo.bind.reissued-card-of-account': { request: pismo({ body: { reissued_card_id: 7200 } }), fills: ['/detail'] },
  'pismo.bind.token-required': { request: pismo({ headers: { authorization: null } }), fills: ['/detail'] },
  'pismo.bind.token-valid': { request: pismo({ headers: { authorization: 'Bearer not-a-jwt' } }), fills: ['/detail'] },
  'pismo.bind.token-not-expired': { request: pismo({ headers: { authorization: `Bearer ${pismoAccountToken(1001, 1)}` } }), fills: ['/detail'] },
  'pismo.bind.token-of-account': { request: pismo({ headers: { 'x-account-id': '1002', 'x-customer-id': '2003' } }), fills: ['/detail'] },
  'pismo.bind.customer-of-account': { request: pismo({ headers: { 'x-customer-id': '2003' } }), fills: ['/detail'] },
  'pismo.bind.request-valid': { request: pismo({ headers: { 'x-customer-id': null } }), fills: ['/detail'] },
  'pismo.bind.server-error': { request: pismo({ headers: { 'x-cardmock-fault': '500' } }) },

  'paysafe.assign.assigns-card': { request: paysafe() },
  'paysafe.assign.not-reassigned': { request: paysafe({ path: { cardId: String(ps.assignedCardId) } }) },
  'paysafe.assign.target-exists': { request: paysafe({ body: { targetCustomerId: '1239999999' } }) },
  'paysafe.assign.customer-exists': { request: paysafe({ path: { customerId: '1239999999' } }) },
  'paysafe.assign.card-of-customer': { request: paysafe({ path: { customerId: String(ps.targetCustomerId) } }) },
  'paysafe.assign.token-required': { request: paysafe({ headers: { authorization: null } }) },
  'paysafe.assign.token-valid': { request: paysafe({ headers: { authorization: 'Bearer not-issued' } }) },
  // The example's fieldErrors word for word; its `details` line is general, the mock's names the field.
  'paysafe.assign.request-valid': { request: paysafe({ body: { targetCustomerId: '' } }), fills: ['/error/details'] },
  'paysafe.assign.server-error': { request: paysafe({ headers: { 'x-cardmock-fault': '500' } }) },
  'paysafe.assign.service-unavailable': { request: paysafe({ headers: { 'x-cardmock-fault': '503' } }) },

  'enfuce.create.creates-card': { request: enfuce() },
  'enfuce.create.idempotent-replay': { before: [enfuce()], request: enfuce() },
  'enfuce.create.errors-not-stored': { unanswered: 'a promise across requests: the success that follows an error under the same key is answered as enfuce.create.creates-card' },
  'enfuce.create.customer-exists': { request: enfuce({ path: { customerId: '999999' } }), fills: ['/detail'] },
  'enfuce.create.embossing-characters': { request: enfuce({ body: { ...enfuceBody(), embossing: { lastName: 'Öberg€' } } }) },
  'enfuce.create.request-valid': { request: enfuce({ body: { ...enfuceBody(), applications: undefined } }) },
  'enfuce.create.credentials-required': { request: enfuce({ headers: { authorization: null } }) },
  'enfuce.create.credentials-well-formed': { request: enfuce({ headers: { authorization: 'Token abc' } }) },
  'enfuce.create.pin-status-default': { unanswered: 'shapes the stored card (pinStatus D in GET /__cardmock/enfuce/state), not the answer, which is enfuce.create.creates-card' },

  'capillary.add.adds-card': { request: capillary({}), fills: ['/entity'] },
  'capillary.add.series-by-code': { request: capillary({ seriesId: undefined, seriesCode: capillaryFixtures.seriesCode }), fills: ['/entity'] },
  'capillary.add.series-exists': { request: capillary({ seriesId: 999 }) },
  'capillary.add.series-not-expired': { request: capillary({ seriesId: capillaryFixtures.expiredSeriesId }) },
  'capillary.add.card-number-unique': { request: capillary({ cardNumber: capillaryFixtures.existingCardNumber }) },
  'capillary.add.external-id-unique': { request: capillary({ cardExternalId: capillaryFixtures.existingCardExternalId }) },
  'capillary.add.unknown-customer-warned': { request: capillary({ customerId: 9999 }), fills: ['/entity'] },
  // The spec's INVALID_REQUEST example word for word: "Invalid request: cardNumber is required".
  'capillary.add.request-valid': { request: capillary({ cardNumber: undefined }) },
  'capillary.add.credentials-required': { request: capillary({}, { authorization: null }) },
  'capillary.add.credentials-valid': { request: capillary({}, { authorization: basic('nobody', 'b4a0f3d2c1e5f6a7b8c9d0e1f2a3b4c5') }) },
  'capillary.add.password-as-md5': { request: capillary({}, { authorization: basic('store.server', 'server123') }) },
  'capillary.add.write-access': { request: capillary({}, { authorization: String(capillaryFixtures.readOnlyAuthorization) }) },

  'exchange-solutions.add-cards.adds-physical-cards': { request: call('exchange-solutions'), fills: ['/successList'] },
  'exchange-solutions.add-cards.adds-digital-cards': { request: exchange(es.activeSessionId, { quantity: 2 }), fills: ['/successList'] },
  'exchange-solutions.add-cards.lists-failed-cards': { request: exchange(es.activeSessionId, physical('6012000000000777', String(es.takenLoyaltyId))), fills: ['/successList', '/errorList/0/cardNumber'] },
  'exchange-solutions.add-cards.at-least-one-card': { request: exchange(es.activeSessionId, {}) },
  'exchange-solutions.add-cards.loyalty-id-not-empty': { request: exchange(es.activeSessionId, physical(' ')) },
  'exchange-solutions.add-cards.account-not-closed': { request: exchange(es.closedSessionId, physical('6012000000000777')) },
  'exchange-solutions.add-cards.account-not-deceased': { request: exchange(es.deceasedSessionId, physical('6012000000000777')) },
  'exchange-solutions.add-cards.account-registered': { request: exchange(es.unregisteredSessionId, physical('6012000000000777')) },
  'exchange-solutions.add-cards.card-limit': { request: exchange(es.fullSessionId, physical('6012000000000777')) },
  'exchange-solutions.add-cards.digital-cards-enabled': { request: exchange(es.noDigitalSessionId, { quantity: 1 }) },
  'exchange-solutions.add-cards.one-kind-per-request': { request: exchange(es.activeSessionId, { ...physical('6012000000000777'), quantity: 1 }) },
  'exchange-solutions.add-cards.session-exists': { request: exchange('0e5c0000-0000-4000-8000-00000000dead', physical('6012000000000777')) },
  'exchange-solutions.add-cards.open-accounts-accept': { request: exchange(es.suspendedSessionId, physical('6012000000000777')), fills: ['/successList'] },
  'exchange-solutions.add-cards.own-card-again': { request: exchange(es.activeSessionId, physical('6012000000001001')), fills: ['/successList'] },
  'exchange-solutions.add-cards.token-required': { request: exchange(es.activeSessionId, physical('6012000000000777'), { authorization: null }) },
  'exchange-solutions.add-cards.token-valid': { request: exchange(es.activeSessionId, physical('6012000000000777'), { authorization: 'Bearer not-issued' }) },
  // The spec's INVALID_REQUEST example word for word: "Invalid request: quantity must be number".
  'exchange-solutions.add-cards.request-valid': { request: exchange(es.activeSessionId, { quantity: 'x' }) },
};

const OWN_CASES: { [R in CardmockRuleId]: OwnCase | Unanswered } = {
  'cardmock.unknown-path': { vendor: 'paysafe', status: 400, request: { ...paysafe(), path: '/no/such/path' } },
  'cardmock.method-not-allowed': { vendor: 'paysafe', status: 405, request: paysafe({ method: 'GET', body: undefined }) },
  'cardmock.control-headers': { vendor: 'paysafe', status: 400, request: paysafe({ headers: { 'x-cardmock-fault': '0x1f7' } }) },
  'cardmock.fault': { vendor: 'capillary', status: 409, request: capillary({}, { 'x-cardmock-fault': '409' }) },
  'cardmock.session-limits': { vendor: 'paysafe', status: 400, request: paysafe({ body: { targetCustomerId: '1233333323', nested: JSON.parse('['.repeat(40) + ']'.repeat(40)) } }) },
  'cardmock.client-gone': { unanswered: 'no client is left to see it: the request log shows it (mocks/adapters/slow-clients.test.ts)' },
  'cardmock.request-unparsable': { unanswered: 'only a raw HTTP request Node cannot parse gets it: mocks/adapters/hostile-input.test.ts sends one per operation' },
};

const at = (value: unknown, pointer: string): unknown =>
  pointer.split('/').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);

/** A copy of `value` without the leaves at `pointers`. */
function without(value: unknown, pointers: string[]): unknown {
  const copy = structuredClone(value);
  for (const pointer of pointers) {
    const keys = pointer.split('/').slice(1);
    const parent = at(copy, `/${keys.slice(0, -1).join('/')}`.replace(/\/$/, '')) as Record<string, unknown> | undefined;
    if (parent) delete parent[keys.at(-1)!];
  }
  return copy;
}

const catalogued = allVendors.flatMap((module) => operationOf(module).rules.map((rule) => ({ module, rule, spec: operationOf(module) })));

describe.each(TRANSPORTS)('every rule of the catalogue on the wire, via %s', (name) => {
  const t = createTransport(name);
  beforeAll(() => t.start());
  afterAll(() => t.stop());

  const answered = catalogued.filter(({ rule }) => 'request' in CASES[rule.id as RuleId]);
  it.each(answered.map((c) => [c.rule.id, c] as const))('%s', async (id, { module, rule, spec }) => {
    const ruleCase = CASES[id as RuleId] as RuleCase;
    // The default session keeps the request log of a refusal alone; emptied before each rule.
    const session = DEFAULT_SESSION;
    await t.control(session, 'POST', '/__cardmock/reset');
    for (const step of ruleCase.before ?? []) await t.send(module.name, session, step);
    const received = await t.send(module.name, session, ruleCase.request);

    expect(received.status, JSON.stringify(received.body)).toBe(rule.answer.status);
    expect(received.headers[RULE_HEADER]).toBe(id);
    if (rule.answer.example === undefined) expect(received.body).toBeUndefined();
    else {
      const example = module.responses.example(spec.operationId, rule.answer.status, rule.answer.example).body;
      const fills = ruleCase.fills ?? [];
      for (const pointer of fills) expect(at(received.body, pointer), pointer).toBeDefined();
      expect(without(received.body, fills)).toEqual(without(example, fills));
    }
    const log = await t.control(session, 'GET', '/__cardmock/requests');
    expect(log.body.requests.at(-1)).toMatchObject({ vendor: module.name, status: rule.answer.status, rule: id });
  });

  const own = Object.entries(OWN_CASES).filter((entry): entry is [string, OwnCase] => 'request' in entry[1]);
  it.each(own)("cardmock's own %s", async (id, ownCase) => {
    const session = DEFAULT_SESSION;
    await t.control(session, 'POST', '/__cardmock/reset');
    const received = await t.send(ownCase.vendor, session, ownCase.request);
    expect(received.status, JSON.stringify(received.body)).toBe(ownCase.status);
    expect(received.headers[RULE_HEADER]).toBe(id);
    const log = await t.control(session, 'GET', '/__cardmock/requests');
    expect(log.body.requests.at(-1)).toMatchObject({ vendor: ownCase.vendor, rule: id });
  });
});

describe('the table of rules on the wire', () => {
  it('has a request, or the reason it has none, for every rule of every catalogue and of cardmock', () => {
    expect(Object.keys(CASES).sort()).toEqual(catalogued.map(({ rule }) => rule.id).sort());
    expect(Object.keys(OWN_CASES).sort()).toEqual(Object.keys(CARDMOCK_RULES).sort());
  });
});
