/**
 * Pismo `post-v2-card-bind` scenarios, one or more per documented status (seed 000).
 * Fixtures: accountId (the token's account), customerId (in it), unboundCardId (noname cards
 * still UNBOUND: a pool, each bind uses one up), boundCardId (a card of the account no longer
 * UNBOUND), otherAccountId (an account the token is not for) and otherAccountCustomerId (a customer
 * of that other account).
 *
 * The page documents 409 for a card that is no longer UNBOUND; which cases give 400 and 403 it
 * leaves open, so those scenarios name the x-inferred example that records cardmock's choice.
 */
import { unknownId, type CaseFile, type Fixtures, type RequestSpec, type Scenario } from '../../lib/scenario.ts';

const vendor = 'pismo';
const operationId = 'post-v2-card-bind';
// What most scenarios need: the token's account, a customer in it and an UNBOUND card.
const common = { vendor, operationId, needs: ['accountId', 'customerId', 'unboundCardId'] } satisfies Partial<Scenario>;
const example = (status: number, name: string) =>
  `#/components/responses/${{ 400: '400BadRequest', 403: '403Forbidden' }[status as 400 | 403]}/content/application~1json/examples/${name}`;

const bind = (f: Fixtures, cardId: string | number, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  ...extra,
  path: { cardId },
  headers: { 'x-account-id': String(f.accountId), 'x-customer-id': String(f.customerId), ...extra.headers },
});

/**
 * A 403: the token's account, x-account-id and x-customer-id must agree, and each scenario makes
 * exactly one of them disagree (`headers` replace the agreeing ones). The mapping is a guess.
 */
const forbidden = (id: string, headers: (f: Fixtures) => Record<string, string>, what: Pick<Scenario, 'title' | 'rule' | 'needs'>): Scenario => ({
  ...common,
  ...what,
  id: `pismo.bind.403-${id}`,
  basis: [example(403, 'FORBIDDEN')],
  status: 403,
  request: (f) => bind(f, f.unboundCardId!, { headers: headers(f) }),
});

const scenarios: Scenario[] = [
  {
    ...common,
    id: 'pismo.bind.202-unbound-card',
    rule: 'an UNBOUND noname card binds to a customer of the account the token is for',
    consumes: ['unboundCardId'],
    title: 'bind an UNBOUND noname card → 202',
    status: 202,
    mutates: true,
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.409-bind-twice',
    rule: 'a card bound a moment ago is no longer UNBOUND, so a second bind conflicts',
    consumes: ['unboundCardId'],
    proves: 'state-change',
    title: 'bind, then bind the same card again → 409',
    status: 409,
    example: 'CARD_NOT_UNBOUND',
    mutates: true,
    setup: (f) => [bind(f, f.unboundCardId!)],
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.409-not-unbound',
    rule: 'a card of the account that is no longer UNBOUND cannot be bound (documented 409)',
    title: 'bind a card that is no longer UNBOUND → 409',
    status: 409,
    example: 'CARD_NOT_UNBOUND',
    needs: ['accountId', 'customerId', 'boundCardId'],
    request: (f) => bind(f, f.boundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.400-customer-header-not-integer',
    rule: 'x-customer-id is typed integer',
    title: 'x-customer-id is not an integer → 400',
    status: 400,
    intent: 'invalid-input',
    request: (f) => bind(f, f.unboundCardId!, { headers: { 'x-customer-id': 'not-a-number' } }),
  },
  {
    ...common,
    id: 'pismo.bind.400-malformed-json',
    rule: 'a body that is not JSON is a bad request',
    title: 'malformed JSON body → 400',
    status: 400,
    intent: 'invalid-input',
    request: (f) => bind(f, f.unboundCardId!, { rawBody: '{"reissued_card_id": ' }),
  },
  {
    ...common,
    id: 'pismo.bind.400-reissued-card-unknown',
    rule: 'reissued_card_id must name a card of the account',
    basis: [example(400, 'REISSUED_CARD_NOT_FOUND')],
    title: 'reissued_card_id that is no card of the account → 400',
    status: 400,
    example: 'REISSUED_CARD_NOT_FOUND',
    request: (f) => bind(f, f.unboundCardId!, { body: { reissued_card_id: 2_000_000_000 } }),
  },
  {
    ...common,
    id: 'pismo.bind.401-no-token',
    rule: 'the endpoint requires an account token',
    title: 'no bearer token → 401',
    status: 401,
    intent: 'no-auth',
    request: (f) => bind(f, f.unboundCardId!, { auth: 'none' }),
  },
  {
    ...common,
    id: 'pismo.bind.401-malformed-token',
    rule: 'a bearer value that is no access token is refused',
    title: 'a bearer token that is not a JWT → 401',
    status: 401,
    intent: 'no-auth',
    request: (f) => bind(f, f.unboundCardId!, { auth: `Bearer ${unknownId('token')}` }),
  },
  forbidden('token-other-account', (f) => ({ 'x-account-id': String(f.otherAccountId), 'x-customer-id': String(f.otherAccountCustomerId) }), {
    title: 'x-account-id and x-customer-id of another account, with a token for the first → 403',
    rule: "the account token grants nothing over an account other than its own (account and customer agree with each other, so only the token's account is wrong)",
    needs: ['otherAccountId', 'otherAccountCustomerId', 'unboundCardId'],
  }),
  forbidden('customer-not-in-account', (f) => ({ 'x-customer-id': String(f.otherAccountCustomerId) }), {
    title: "x-customer-id of another account, with the token's own account → 403",
    rule: 'the customer must belong to the account (token and x-account-id agree, so only the customer is wrong)',
    needs: ['accountId', 'otherAccountCustomerId', 'unboundCardId'],
  }),
  {
    ...common,
    id: 'pismo.bind.400-card-unknown',
    title: 'a card ID that names no card → 400',
    rule: 'the card to bind must exist (Pismo documents no 404; cardmock answers 400)',
    basis: [example(400, 'CARD_NOT_FOUND')],
    status: 400,
    example: 'CARD_NOT_FOUND',
    needs: ['accountId', 'customerId'],
    request: (f) => bind(f, '2000000000'),
  },
  {
    ...common,
    id: 'pismo.bind.500-fault',
    rule: 'a server fault is answered with the documented 500',
    title: 'injected server fault → 500',
    status: 500,
    fault: true,
    request: (f) => bind(f, f.unboundCardId!),
  },
];

export const cases: CaseFile = { scenarios };
