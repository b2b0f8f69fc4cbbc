/**
 * Pismo `post-v2-card-bind` scenarios, one or more per rule of its catalogue (seed 000).
 * Fixtures: accountId (the token's account), customerId (in it), unboundCardId (noname cards
 * still UNBOUND: a pool, each bind uses one up), boundCardId (a card of the account no longer
 * UNBOUND), reissuableCardId (cards of the account a bind may reissue: a pool), otherAccountId (an
 * account the token is not for), otherAccountCustomerId (a customer of that other account),
 * otherAccountCardId (a card of that other account) and expiredAuthorization (an account token of
 * the account that has expired).
 */
import { scenariosOf, unknownId, type CaseFile, type Fixtures, type RequestSpec, type ScenarioDraft } from '../../lib/scenario.ts';

// What most scenarios need: the token's account, a customer in it and an UNBOUND card.
const common = { needs: ['accountId', 'customerId', 'unboundCardId'] } satisfies Partial<ScenarioDraft>;

const bind = (f: Fixtures, cardId: string | number, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  ...extra,
  path: { cardId },
  headers: { 'x-account-id': String(f.accountId), 'x-customer-id': String(f.customerId), ...extra.headers },
});

/**
 * A 403: the token's account, x-account-id and x-customer-id must agree, and each scenario makes
 * exactly one of them disagree (`headers` replace the agreeing ones). The mapping is a guess.
 */
const forbidden = (id: string, headers: (f: Fixtures) => Record<string, string>, what: Pick<ScenarioDraft, 'title' | 'rule' | 'needs'>): ScenarioDraft => ({
  ...common,
  ...what,
  id: `pismo.bind.403-${id}`,
  request: (f) => bind(f, f.unboundCardId!, { headers: headers(f) }),
});

const scenarios: ScenarioDraft[] = [
  {
    ...common,
    id: 'pismo.bind.202-unbound-card',
    rule: 'pismo.bind.binds-unbound-card',
    consumes: ['unboundCardId'],
    title: 'bind an UNBOUND noname card → 202',
    mutates: true,
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.202-reissue',
    rule: 'pismo.bind.reissues-card',
    needs: ['accountId', 'customerId', 'unboundCardId', 'reissuableCardId'],
    consumes: ['unboundCardId', 'reissuableCardId'],
    title: 'bind an UNBOUND noname card as the reissue of a card of the account → 202',
    mutates: true,
    request: (f) => bind(f, f.unboundCardId!, { body: { reissued_card_id: Number(f.reissuableCardId) } }),
  },
  {
    ...common,
    id: 'pismo.bind.409-bind-twice',
    rule: 'pismo.bind.card-unbound',
    consumes: ['unboundCardId'],
    proves: 'state-change',
    title: 'bind, then bind the same card again → 409',
    mutates: true,
    setup: (f) => [bind(f, f.unboundCardId!)],
    request: (f) => bind(f, f.unboundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.409-not-unbound',
    rule: 'pismo.bind.card-unbound',
    title: 'bind a card that is no longer UNBOUND → 409',
    needs: ['accountId', 'customerId', 'boundCardId'],
    request: (f) => bind(f, f.boundCardId!),
  },
  {
    ...common,
    id: 'pismo.bind.400-customer-header-not-integer',
    rule: 'pismo.bind.request-valid',
    title: 'x-customer-id is not an integer → 400',
    intent: 'invalid-input',
    request: (f) => bind(f, f.unboundCardId!, { headers: { 'x-customer-id': 'not-a-number' } }),
  },
  {
    ...common,
    id: 'pismo.bind.400-malformed-json',
    rule: 'pismo.bind.request-valid',
    title: 'malformed JSON body → 400',
    intent: 'invalid-input',
    request: (f) => bind(f, f.unboundCardId!, { rawBody: '{"reissued_card_id": ' }),
  },
  {
    ...common,
    id: 'pismo.bind.400-reissued-card-unknown',
    rule: 'pismo.bind.reissued-card-exists',
    title: 'reissued_card_id that names no card → 400',
    request: (f) => bind(f, f.unboundCardId!, { body: { reissued_card_id: 2_000_000_000 } }),
  },
  {
    ...common,
    id: 'pismo.bind.400-reissued-card-other-account',
    rule: 'pismo.bind.reissued-card-of-account',
    title: 'reissued_card_id of a card of another account → 400',
    needs: ['accountId', 'customerId', 'unboundCardId', 'otherAccountCardId'],
    request: (f) => bind(f, f.unboundCardId!, { body: { reissued_card_id: Number(f.otherAccountCardId) } }),
  },
  {
    ...common,
    id: 'pismo.bind.401-no-token',
    rule: 'pismo.bind.token-required',
    title: 'no bearer token → 401',
    intent: 'no-auth',
    request: (f) => bind(f, f.unboundCardId!, { auth: 'none' }),
  },
  {
    ...common,
    id: 'pismo.bind.401-malformed-token',
    rule: 'pismo.bind.token-valid',
    title: 'a bearer token that is not a JWT → 401',
    intent: 'no-auth',
    request: (f) => bind(f, f.unboundCardId!, { auth: `Bearer ${unknownId('token')}` }),
  },
  {
    ...common,
    id: 'pismo.bind.401-expired-token',
    rule: 'pismo.bind.token-not-expired',
    title: 'an account token of the account that has expired → 401',
    intent: 'no-auth',
    needs: ['accountId', 'customerId', 'unboundCardId', 'expiredAuthorization'],
    request: (f) => bind(f, f.unboundCardId!, { auth: String(f.expiredAuthorization) }),
  },
  forbidden('token-other-account', (f) => ({ 'x-account-id': String(f.otherAccountId), 'x-customer-id': String(f.otherAccountCustomerId) }), {
    title: 'x-account-id and x-customer-id of another account, with a token for the first → 403',
    rule: 'pismo.bind.token-of-account',
    needs: ['otherAccountId', 'otherAccountCustomerId', 'unboundCardId'],
  }),
  forbidden('customer-not-in-account', (f) => ({ 'x-customer-id': String(f.otherAccountCustomerId) }), {
    title: "x-customer-id of another account, with the token's own account → 403",
    rule: 'pismo.bind.customer-of-account',
    needs: ['accountId', 'otherAccountCustomerId', 'unboundCardId'],
  }),
  {
    ...common,
    id: 'pismo.bind.400-card-unknown',
    rule: 'pismo.bind.card-exists',
    title: 'a card ID that names no card → 400',
    needs: ['accountId', 'customerId'],
    request: (f) => bind(f, '2000000000'),
  },
  {
    ...common,
    id: 'pismo.bind.500-fault',
    rule: 'pismo.bind.server-error',
    title: 'injected server fault → 500',
    request: (f) => bind(f, f.unboundCardId!),
  },
];

export const cases: CaseFile = { scenarios: scenariosOf('pismo', 'post-v2-card-bind', scenarios) };
