/**
 * Pismo `post-v2-card-bind` scenarios, one or more per documented status (seed 000).
 * Fixtures: accountId (the token's account), customerId (in it), unboundCardId (a noname card
 * still UNBOUND), boundCardId (a card no longer UNBOUND), otherAccountId (an account the token is
 * not for).
 */
import { unknownId, type CaseFile, type Fixtures, type RequestSpec, type Scenario } from '../../lib/scenario.ts';

const vendor = 'pismo';
const operationId = 'post-v2-card-bind';
const common = { vendor, operationId } as const;

const bind = (f: Fixtures, cardId: string | number, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  ...extra,
  path: { cardId },
  headers: { 'x-account-id': String(f.accountId), 'x-customer-id': String(f.customerId), ...extra.headers },
});

const scenarios: Scenario[] = [
  {
    ...common,
    id: 'pismo.bind.202-unbound-card',
    title: 'bind an UNBOUND noname card → 202',
    status: 202,
    needs: ['accountId', 'customerId', 'unboundCardId'],
    mutates: true,
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.409-bind-twice',
    title: 'bind, then bind the same card again → 409',
    status: 409,
    example: 'CARD_NOT_UNBOUND',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    mutates: true,
    setup: (f) => [bind(f, f.unboundCardId!)],
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.409-not-unbound',
    title: 'bind a card that is no longer UNBOUND → 409',
    status: 409,
    example: 'CARD_NOT_UNBOUND',
    needs: ['accountId', 'customerId', 'boundCardId'],
    request: (f) => bind(f, f.boundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.400-customer-header-not-integer',
    title: 'x-customer-id is not an integer → 400',
    status: 400,
    intent: 'invalid-input',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { headers: { 'x-customer-id': 'not-a-number' } }),
  },
  {
    ...common,
    id: 'pismo.bind.400-malformed-json',
    title: 'malformed JSON body → 400',
    status: 400,
    intent: 'invalid-input',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { rawBody: '{"reissued_card_id": ' }),
  },
  {
    ...common,
    id: 'pismo.bind.400-reissued-card-unknown',
    title: 'reissued_card_id that is no card of the account → 400',
    status: 400,
    example: 'REISSUED_CARD_NOT_FOUND',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { body: { reissued_card_id: 2_000_000_000 } }),
  },
  {
    ...common,
    id: 'pismo.bind.401-no-token',
    title: 'no bearer token → 401',
    status: 401,
    intent: 'no-auth',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { auth: 'none' }),
  },
  {
    ...common,
    id: 'pismo.bind.401-malformed-token',
    title: 'a bearer token that is not a JWT → 401',
    status: 401,
    intent: 'no-auth',
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { auth: `Bearer ${unknownId('token')}` }),
  },
  {
    ...common,
    id: 'pismo.bind.403-other-account',
    title: 'x-account-id is not the account of the token → 403',
    status: 403,
    needs: ['otherAccountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!, { headers: { 'x-account-id': String(f.otherAccountId) } }),
  },
  {
    ...common,
    id: 'pismo.bind.500-fault',
    title: 'injected server fault → 500',
    status: 500,
    fault: true,
    needs: ['accountId', 'customerId', 'unboundCardId'],
    request: (f) => bind(f, f.unboundCardId!),
  },
];

export const cases: CaseFile = { scenarios };
