/**
 * Enfuce `createMultiApplicationCard` scenarios, one or more per rule of its catalogue (seed 002).
 * Fixtures: customerId (an existing customer), mainAccountId and applicationAccountId (accounts of
 * that customer, one per application: Enfuce creates the customer, then its accounts, then the card),
 * auditUser (any audit user name).
 */
import { scenariosOf, unknownId, type CaseFile, type Fixtures, type RequestSpec, type ScenarioDraft } from '../../lib/scenario.ts';

const needs = ['customerId', 'mainAccountId', 'applicationAccountId', 'auditUser'];

const card = (f: Fixtures, extra: Record<string, unknown> = {}) => ({
  mainApplication: { applicationName: 'DEBIT', enabled: true, contactPriorityLevel: 1, accountId: String(f.mainAccountId) },
  applications: [{ applicationName: 'CREDIT', enabled: true, contactPriorityLevel: 2, accountId: String(f.applicationAccountId) }],
  embossing: { firstName: 'Åsa', lastName: 'Öberg', physical: true },
  ...extra,
});
const without = (body: Record<string, unknown>, field: string) => {
  const copy = { ...body };
  delete copy[field];
  return copy;
};
const create = (f: Fixtures, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: { customerId: f.customerId! },
  query: { auditUser: String(f.auditUser) },
  body: card(f),
  ...extra,
});

/** One key per run: a sandbox replays it for 24 h, and a replay answers 201 all the same. */
const replayKey = `cardmock-conform-${Math.random().toString(36).slice(2, 12)}`;
/** A key first sent with a request that fails, then with one that succeeds. */
const errorKey = `cardmock-conform-error-${Math.random().toString(36).slice(2, 12)}`;

/** A 400 of a rule the spec's schema expresses (its request breaks the spec). */
const invalid = (slug: string, title: string, request: (f: Fixtures) => RequestSpec, rule = 'enfuce.create.request-valid'): ScenarioDraft => ({
  id: `enfuce.create.400-${slug}`,
  title: `${title} → 400`,
  rule,
  intent: 'invalid-input',
  needs,
  request,
});

const scenarios: ScenarioDraft[] = [
  {
    id: 'enfuce.create.201-create',
    rule: 'enfuce.create.creates-card',
    title: 'create a card for an existing customer, then another → 201, each with its own mainId',
    needs,
    mutates: true,
    setup: (f) => [create(f)],
    request: (f) => create(f),
  },
  {
    id: 'enfuce.create.201-idempotent-replay',
    rule: 'enfuce.create.idempotent-replay',
    proves: 'idempotent-replay',
    title: 'create with x-idempotency-key, then send it again → 201 (the stored answer)',
    needs,
    mutates: true,
    setup: (f) => [create(f, { headers: { 'x-idempotency-key': replayKey } })],
    request: (f) => create(f, { headers: { 'x-idempotency-key': replayKey } }),
  },
  {
    id: 'enfuce.create.201-error-not-stored',
    rule: 'enfuce.create.errors-not-stored',
    title: 'a key first sent with an unknown customer, then with an existing one → 201 (the error was not stored)',
    needs,
    mutates: true,
    setup: (f) => [{ ...create(f, { path: { customerId: unknownId('customer') }, headers: { 'x-idempotency-key': errorKey } }), expect: 'refusal' }],
    request: (f) => create(f, { headers: { 'x-idempotency-key': errorKey } }),
  },
  invalid('no-audit-user', 'auditUser missing', (f) => create(f, { query: {} })),
  invalid('embossing-character', 'embossing.lastName with a character outside the default and printed-card sets (€)', (f) => create(f, { body: card(f, { embossing: { firstName: 'Åsa', lastName: 'Öberg€' } }) }), 'enfuce.create.embossing-characters'),
  invalid('segment-not-in-enum', 'segment outside SEGMENT_A…F', (f) => create(f, { body: card(f, { segment: 'SEGMENT_Z' }) })),
  invalid('pin-status-not-in-enum', 'pinStatus outside D, W, S', (f) => create(f, { body: card(f, { pinStatus: 'X' }) })),
  invalid('no-main-application', 'mainApplication missing', (f) => create(f, { body: without(card(f), 'mainApplication') })),
  invalid('no-applications', 'applications missing', (f) => create(f, { body: without(card(f), 'applications') })),
  invalid('idempotency-key-too-long', 'x-idempotency-key of 65 characters', (f) => create(f, { headers: { 'x-idempotency-key': 'k'.repeat(65) } })),
  // Prism treats an empty header as absent, so this one reaches the server behind `prism proxy --errors`.
  {
    ...invalid('idempotency-key-empty', 'x-idempotency-key empty', (f) => create(f, { headers: { 'x-idempotency-key': '' } })),
    basis: ['#/paths/~1v1~1MULTI_APPLICATION_CARD~1customer~1{customerId}/post/parameters/2/schema/minLength'],
  },
  {
    id: 'enfuce.create.401-no-credentials',
    rule: 'enfuce.create.credentials-required',
    title: 'no credentials → 401',
    intent: 'no-auth',
    needs,
    request: (f) => create(f, { auth: 'none' }),
  },
  {
    id: 'enfuce.create.401-malformed-credentials',
    rule: 'enfuce.create.credentials-well-formed',
    title: 'an Authorization header that is neither Bearer nor Basic credentials → 401',
    intent: 'no-auth',
    needs,
    request: (f) => create(f, { auth: 'Bearer two tokens' }),
  },
  {
    id: 'enfuce.create.404-customer-unknown',
    rule: 'enfuce.create.customer-exists',
    title: 'customerId that does not exist → 404',
    needs,
    request: (f) => create(f, { path: { customerId: unknownId('customer') } }),
  },
];

export const cases: CaseFile = {
  scenarios: scenariosOf('enfuce', 'createMultiApplicationCard', scenarios),
  unprovokable: [
    {
      vendor: 'enfuce',
      operationId: 'createMultiApplicationCard',
      rule: 'enfuce.create.pin-status-default',
      reason: 'the 201 answer does not show pinStatus, and no documented call reads a card back; on cardmock, GET /__cardmock/enfuce/state shows it (pinStatus D)',
    },
  ],
};
