/**
 * Paysafe `assignBulkCard` scenarios, one or more per documented status (seed 001).
 * Fixtures: customerId (owner of the bulk cards), unassignedCardId (its bulk cards, not assigned:
 * a pool, each assignment uses one up), assignedCardId (its bulk card, already assigned),
 * targetCustomerId (another existing customer).
 */
import { unknownId, type CaseFile, type Fixtures, type RequestSpec, type Scenario } from '../../lib/scenario.ts';

const vendor = 'paysafe';
const operationId = 'assignBulkCard';
const common = { vendor, operationId } as const;

const assign = (f: Fixtures, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: { customerId: f.customerId!, cardId: f.unassignedCardId! },
  body: { targetCustomerId: String(f.targetCustomerId) },
  ...extra,
});
const needs = ['customerId', 'unassignedCardId', 'targetCustomerId'];

const scenarios: Scenario[] = [
  {
    ...common,
    id: 'paysafe.assign.200-assign',
    rule: 'an unassigned bulk card of the customer is assigned to an existing customer, and the answer names card, owner and target as sent',
    consumes: ['unassignedCardId'],
    title: 'assign an unassigned bulk card to an existing customer → 200',
    status: 200,
    needs,
    mutates: true,
    request: (f) => assign(f),
  },
  {
    ...common,
    id: 'paysafe.assign.400-assign-twice',
    rule: 'once assigned, a card cannot be re-assigned (the page)',
    consumes: ['unassignedCardId'],
    proves: 'state-change',
    title: 'assign, then assign the same card again → 400 ALREADY_ASSIGNED_CARD',
    status: 400,
    example: 'ALREADY_ASSIGNED_CARD',
    needs,
    mutates: true,
    setup: (f) => [assign(f)],
    request: (f) => assign(f),
  },
  {
    ...common,
    id: 'paysafe.assign.400-already-assigned',
    rule: 'a card assigned before cannot be re-assigned',
    title: 'assign a card that is already assigned → 400 ALREADY_ASSIGNED_CARD',
    status: 400,
    example: 'ALREADY_ASSIGNED_CARD',
    needs: ['customerId', 'assignedCardId', 'targetCustomerId'],
    request: (f) => assign(f, { path: { customerId: f.customerId!, cardId: f.assignedCardId! } }),
  },
  {
    ...common,
    id: 'paysafe.assign.400-target-unknown',
    rule: 'targetCustomerId must name an existing customer',
    title: 'targetCustomerId that does not exist → 400 ASSIGN_TO_CUSTOMER_NOT_FOUND',
    status: 400,
    example: 'ASSIGN_TO_CUSTOMER_NOT_FOUND',
    needs,
    request: (f) => assign(f, { body: { targetCustomerId: unknownId('customer') } }),
  },
  {
    ...common,
    id: 'paysafe.assign.400-missing-target',
    rule: 'targetCustomerId is needed in the body',
    basis: ['#/components/schemas/AssignCardRequest/required'],
    title: 'body without targetCustomerId → 400',
    status: 400,
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { body: {} }),
  },
  {
    ...common,
    id: 'paysafe.assign.400-card-id-not-uuid',
    rule: 'cardId is a UUID',
    title: 'cardId that is not a UUID → 400',
    status: 400,
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { path: { customerId: f.customerId!, cardId: 'not-a-uuid' } }),
  },
  {
    ...common,
    id: 'paysafe.assign.400-malformed-json',
    rule: 'a body that is not JSON is a bad request',
    title: 'malformed JSON body → 400',
    status: 400,
    intent: 'invalid-input',
    needs,
    request: (f) => assign(f, { body: undefined, rawBody: '{"targetCustomerId": ' }),
  },
  {
    ...common,
    id: 'paysafe.assign.401-no-token',
    rule: 'a missing token is refused with 401',
    title: 'no bearer token → 401 INVALID_CREDENTIALS',
    status: 401,
    example: 'INVALID_CREDENTIALS',
    intent: 'no-auth',
    needs,
    request: (f) => assign(f, { auth: 'none' }),
  },
  {
    ...common,
    id: 'paysafe.assign.401-invalid-token',
    rule: 'an invalid token is refused with 401',
    title: 'invalid bearer token → 401 INVALID_CREDENTIALS',
    status: 401,
    example: 'INVALID_CREDENTIALS',
    intent: 'no-auth',
    needs,
    request: (f) => assign(f, { auth: `Bearer ${unknownId('token')}` }),
  },
  {
    ...common,
    id: 'paysafe.assign.404-customer-unknown',
    rule: 'the customer in the path must exist (the card is a real one, so only the customer is unknown)',
    title: 'path customerId that does not exist → 404 NO_SUCH_CUSTOMER',
    status: 404,
    example: 'NO_SUCH_CUSTOMER',
    needs,
    request: (f) => assign(f, { path: { customerId: unknownId('customer'), cardId: f.unassignedCardId! } }),
  },
  ...[500, 503].map(
    (status): Scenario => ({
      ...common,
      id: `paysafe.assign.${status}-fault`,
      rule: `a server fault is answered with the documented ${status}`,
      title: `injected fault → ${status} with the documented body`,
      status,
      example: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'SERVICE_UNAVAILABLE',
      fault: true,
      needs,
      request: (f) => assign(f),
    }),
  ),
];

export const cases: CaseFile = { scenarios };
