/**
 * Paysafe `assignBulkCard` scenarios, one or more per rule of its catalogue (seed 001).
 * Fixtures: customerId (owner of the bulk cards), unassignedCardId (its bulk cards, not assigned:
 * a pool, each assignment uses one up), assignedCardId (its bulk card, already assigned),
 * targetCustomerId (another existing customer).
 */
import { scenariosOf, unknownId, type CaseFile, type Fixtures, type RequestSpec, type ScenarioDraft } from '../../lib/scenario.ts';

const assign = (f: Fixtures, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: { customerId: f.customerId!, cardId: f.unassignedCardId! },
  body: { targetCustomerId: String(f.targetCustomerId) },
  ...extra,
});
const needs = ['customerId', 'unassignedCardId', 'targetCustomerId'];

const scenarios: ScenarioDraft[] = [
  {
    id: 'paysafe.assign.200-assign',
    rule: 'paysafe.assign.assigns-card',
    consumes: ['unassignedCardId'],
    title: 'assign an unassigned bulk card to an existing customer → 200',
    needs,
    mutates: true,
    request: (f) => assign(f),
  },
  {
    id: 'paysafe.assign.400-assign-twice',
    rule: 'paysafe.assign.not-reassigned',
    consumes: ['unassignedCardId'],
    proves: 'state-change',
    title: 'assign, then assign the same card again → 400 ALREADY_ASSIGNED_CARD',
    needs,
    mutates: true,
    setup: (f) => [assign(f)],
    request: (f) => assign(f),
  },
  {
    id: 'paysafe.assign.400-already-assigned',
    rule: 'paysafe.assign.not-reassigned',
    title: 'assign a card that is already assigned → 400 ALREADY_ASSIGNED_CARD',
    needs: ['customerId', 'assignedCardId', 'targetCustomerId'],
    request: (f) => assign(f, { path: { customerId: f.customerId!, cardId: f.assignedCardId! } }),
  },
  {
    id: 'paysafe.assign.400-target-unknown',
    rule: 'paysafe.assign.target-exists',
    title: 'targetCustomerId that does not exist → 400 ASSIGN_TO_CUSTOMER_NOT_FOUND',
    needs,
    request: (f) => assign(f, { body: { targetCustomerId: unknownId('customer') } }),
  },
  {
    id: 'paysafe.assign.400-missing-target',
    rule: 'paysafe.assign.request-valid',
    basis: ['#/components/schemas/AssignCardRequest/required'],
    title: 'body without targetCustomerId → 400',
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { body: {} }),
  },
  {
    id: 'paysafe.assign.400-card-id-not-uuid',
    rule: 'paysafe.assign.request-valid',
    title: 'cardId that is not a UUID → 400',
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { path: { customerId: f.customerId!, cardId: 'not-a-uuid' } }),
  },
  {
    id: 'paysafe.assign.400-malformed-json',
    rule: 'paysafe.assign.request-valid',
    title: 'malformed JSON body → 400',
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { body: undefined, rawBody: '{"targetCustomerId": ' }),
  },
  {
    id: 'paysafe.assign.401-no-token',
    rule: 'paysafe.assign.token-required',
    title: 'no bearer token → 401 INVALID_CREDENTIALS',
    intent: 'no-auth',
    needs,
    request: (f) => assign(f, { auth: 'none' }),
  },
  {
    id: 'paysafe.assign.401-invalid-token',
    rule: 'paysafe.assign.token-valid',
    title: 'invalid bearer token → 401 INVALID_CREDENTIALS',
    intent: 'no-auth',
    needs,
    request: (f) => assign(f, { auth: `Bearer ${unknownId('token')}` }),
  },
  {
    id: 'paysafe.assign.404-customer-unknown',
    rule: 'paysafe.assign.customer-exists',
    title: 'path customerId that does not exist → 404 NO_SUCH_CUSTOMER',
    needs,
    request: (f) => assign(f, { path: { customerId: unknownId('customer'), cardId: f.unassignedCardId! } }),
  },
  {
    // Both customers exist and the card is an unassigned bulk card: only its owner is wrong.
    id: 'paysafe.assign.404-card-of-other-customer',
    rule: 'paysafe.assign.card-of-customer',
    title: "a bulk card of another customer, under an existing customer's path → 404",
    needs,
    request: (f) => assign(f, { path: { customerId: f.targetCustomerId!, cardId: f.unassignedCardId! } }),
  },
  ...(['server-error', 'service-unavailable'] as const).map(
    (slug): ScenarioDraft => ({
      id: `paysafe.assign.${slug === 'server-error' ? 500 : 503}-fault`,
      rule: `paysafe.assign.${slug}`,
      title: `injected fault → ${slug === 'server-error' ? 500 : 503} with the documented body`,
      needs,
      request: (f) => assign(f),
    }),
  ),
];

export const cases: CaseFile = { scenarios: scenariosOf('paysafe', 'assignBulkCard', scenarios) };
