/**
 * Enfuce `createMultiApplicationCard` scenarios, one or more per documented status (seed 002).
 * Fixtures: customerId (an existing customer), mainAccountId and applicationAccountId (accounts of
 * that customer, one per application: Enfuce creates the customer, then its accounts, then the card),
 * auditUser (any audit user name).
 */
import type { CaseFile, Fixtures, RequestSpec, Scenario } from '../../lib/scenario.ts';
import { unknownId } from '../../lib/scenario.ts';

const vendor = 'enfuce';
const operationId = 'createMultiApplicationCard';
const common = { vendor, operationId } as const;
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

const invalid = (slug: string, title: string, rule: string, request: (f: Fixtures) => RequestSpec, example = 'INVALID_REQUEST'): Scenario => ({
  ...common,
  id: `enfuce.create.400-${slug}`,
  title: `${title} → 400`,
  rule,
  status: 400,
  example,
  intent: 'invalid-input',
  needs,
  request,
});

const scenarios: Scenario[] = [
  {
    ...common,
    id: 'enfuce.create.201-create',
    rule: 'a card with a main and a further application, one account each, is created for an existing customer',
    title: 'create a card with a main and a further application for an existing customer → 201',
    status: 201,
    needs,
    mutates: true,
    request: (f) => create(f),
  },
  {
    ...common,
    id: 'enfuce.create.201-idempotent-replay',
    rule: 'a successful answer is replayed for 24 h for the same x-idempotency-key, creating nothing',
    proves: 'idempotent-replay',
    title: 'create with x-idempotency-key, then send it again → 201 (the stored answer)',
    status: 201,
    needs,
    mutates: true,
    setup: (f) => [create(f, { headers: { 'x-idempotency-key': replayKey } })],
    request: (f) => create(f, { headers: { 'x-idempotency-key': replayKey } }),
  },
  invalid('no-audit-user', 'auditUser missing', 'the auditUser query parameter is required', (f) => create(f, { query: {} })),
  invalid('embossing-character', 'embossing.lastName with a character outside the default and printed-card sets (€)', 'embossed fields use the default or the printed-card character set', (f) => create(f, { body: card(f, { embossing: { firstName: 'Åsa', lastName: 'Öberg€' } }) }), 'INVALID_EMBOSSING_CHARACTER'),
  invalid('segment-not-in-enum', 'segment outside SEGMENT_A…F', 'segment is one of SEGMENT_A…F', (f) => create(f, { body: card(f, { segment: 'SEGMENT_Z' }) })),
  invalid('pin-status-not-in-enum', 'pinStatus outside D, W, S', 'pinStatus is one of D, W, S', (f) => create(f, { body: card(f, { pinStatus: 'X' }) })),
  invalid('no-main-application', 'mainApplication missing', 'mainApplication is required', (f) => create(f, { body: without(card(f), 'mainApplication') })),
  invalid('no-applications', 'applications missing', 'applications is required', (f) => create(f, { body: without(card(f), 'applications') })),
  invalid('idempotency-key-too-long', 'x-idempotency-key of 65 characters', 'x-idempotency-key is at most 64 characters', (f) => create(f, { headers: { 'x-idempotency-key': 'k'.repeat(65) } })),
  // Prism treats an empty header as absent, so this one reaches the server behind `prism proxy --errors`.
  {
    ...invalid('idempotency-key-empty', 'x-idempotency-key empty', 'x-idempotency-key, when sent, is not empty', (f) => create(f, { headers: { 'x-idempotency-key': '' } })),
    basis: ['#/paths/~1v1~1MULTI_APPLICATION_CARD~1customer~1{customerId}/post/parameters/2/schema/minLength'],
  },
  {
    ...common,
    id: 'enfuce.create.401-no-credentials',
    rule: 'a request without credentials is refused',
    title: 'no credentials → 401',
    status: 401,
    example: 'UNAUTHORIZED',
    intent: 'no-auth',
    needs,
    request: (f) => create(f, { auth: 'none' }),
  },
  {
    ...common,
    id: 'enfuce.create.401-malformed-credentials',
    rule: 'an Authorization value that is neither Bearer nor Basic credentials is refused',
    title: 'an Authorization header that is neither Bearer nor Basic credentials → 401',
    status: 401,
    example: 'UNAUTHORIZED',
    intent: 'no-auth',
    needs,
    request: (f) => create(f, { auth: 'Bearer two tokens' }),
  },
  {
    ...common,
    id: 'enfuce.create.404-customer-unknown',
    rule: 'the card is created on an existing customer',
    title: 'customerId that does not exist → 404',
    status: 404,
    example: 'CUSTOMER_NOT_FOUND',
    needs,
    request: (f) => create(f, { path: { customerId: unknownId('customer') } }),
  },
];

export const cases: CaseFile = { scenarios };
