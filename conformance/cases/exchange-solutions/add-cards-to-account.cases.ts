/**
 * Exchange Solutions `addCardsToAccount` scenarios, one or more per documented status (seed 004).
 * Fixtures (Start Session correlation IDs): activeSessionId (registered Active account with room for
 * activeCardRoom more cards, digital cards enabled), closedSessionId, deceasedSessionId,
 * unregisteredSessionId, fullSessionId (an account at its card limit), noDigitalSessionId (digital
 * cards disabled for its program); takenLoyaltyId (a card on an account other than the active one).
 *
 * The seed documents a closed account both as 400 (ACCOUNT_CLOSED_OR_DECEASED) and as 401
 * (API_VALIDATION); the closed scenario accepts either, with its documented body. The deceased
 * scenario is unambiguous.
 */
import { unknownId, type CaseFile, type Fixtures, type RequestSpec, type Scenario } from '../../lib/scenario.ts';

const vendor = 'exchange-solutions';
const operationId = 'addCardsToAccount';
const common = { vendor, operationId } as const;

/** A loyalty ID no account holds yet, fresh per run; digits, as the page types loyaltyId as Number. */
const freshLoyaltyId = () => `9${String(Math.floor(Math.random() * 1e15)).padStart(15, '0')}`;

const add = (f: Fixtures, session: string, body: unknown, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: { correlation_id: f[session]! },
  body,
  ...extra,
});
const physical = (...loyaltyIds: (string | number)[]) => ({ physicalCards: loyaltyIds.map((loyaltyId) => ({ loyaltyId })) });
const active = ['activeSessionId'];

/** A 400 from one request on the account of `session`. */
const rejected = (slug: string, title: string, rule: string, example: string, session: string, body: (f: Fixtures) => unknown, intent?: 'invalid-input'): Scenario => ({
  ...common,
  ...(intent ? { intent } : {}),
  id: `exchange-solutions.add-cards.400-${slug}`,
  title,
  rule,
  status: 400,
  example,
  needs: [session],
  request: (f) => add(f, session, body(f)),
});

const scenarios: Scenario[] = [
  {
    ...common,
    id: 'exchange-solutions.add-cards.200-physical',
    title: 'two new physical cards on a registered active account → 200, both in successList',
    rule: 'new physical cards are added to a registered Active account with room for them',
    consumes: ['activeSessionId'],
    status: 200,
    needs: active,
    mutates: true,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId(), freshLoyaltyId())),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.200-digital',
    rule: 'digital cards are added by quantity where the program enables them',
    consumes: ['activeSessionId'],
    title: 'quantity 1, digital cards enabled → 200 with a new card number',
    status: 200,
    needs: active,
    mutates: true,
    request: (f) => add(f, 'activeSessionId', { quantity: 1 }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.200-partly-added',
    rule: 'a card that cannot be added is listed in errorList while the others are added',
    consumes: ['activeSessionId'],
    title: 'a card already on another account, with a new one → 200, that card in errorList (PARTLY_ADDED)',
    status: 200,
    example: 'PARTLY_ADDED',
    needs: [...active, 'takenLoyaltyId'],
    mutates: true,
    request: (f) => add(f, 'activeSessionId', physical(f.takenLoyaltyId!, freshLoyaltyId())),
  },
  rejected('quantity-zero', 'quantity 0 → 400 NO_CARD_REQUESTED', 'at least one card should be requested (quantity 0)', 'NO_CARD_REQUESTED', 'activeSessionId', () => ({ quantity: 0 }), 'invalid-input'),
  rejected('nothing-requested', 'neither physicalCards nor quantity → 400 NO_CARD_REQUESTED', 'at least one card should be requested (nothing asked)', 'NO_CARD_REQUESTED', 'activeSessionId', () => ({}), 'invalid-input'),
  rejected('empty-loyalty-id', 'a physical card with an empty loyaltyId → 400 INVALID_LOYALTY_ID', 'a physical card has a non-empty loyaltyId', 'INVALID_LOYALTY_ID', 'activeSessionId', () => physical('')),
  {
    ...rejected('closed', 'account CLOSED → 400 ACCOUNT_CLOSED_OR_DECEASED (or the 401 the page documents too)', 'no card can be added to a CLOSED account', 'ACCOUNT_CLOSED_OR_DECEASED', 'closedSessionId', () => physical(freshLoyaltyId())),
    alternatives: [{ status: 401, example: 'ACCOUNT_CLOSED' }],
  },
  rejected('deceased', 'account DECEASED → 400 ACCOUNT_CLOSED_OR_DECEASED', 'no card can be added to a DECEASED account', 'ACCOUNT_CLOSED_OR_DECEASED', 'deceasedSessionId', () => physical(freshLoyaltyId())),
  rejected('not-registered', 'account not registered → 400 ACCOUNT_NOT_REGISTERED', 'cards are added to registered accounts only', 'ACCOUNT_NOT_REGISTERED', 'unregisteredSessionId', () => physical(freshLoyaltyId())),
  rejected('account-full', 'account at its card limit, one more card → 400 MAXIMUM_CARDS_EXCEEDED', 'an account holds at most its maximum number of cards', 'MAXIMUM_CARDS_EXCEEDED', 'fullSessionId', () => physical(freshLoyaltyId())),
  rejected('digital-disabled', 'digital cards disabled for the program → 400 DIGITAL_CARDS_NOT_ENABLED', 'digital cards need the program to enable them', 'DIGITAL_CARDS_NOT_ENABLED', 'noDigitalSessionId', () => ({ quantity: 1 })),
  rejected('physical-and-digital', 'physical and digital cards in one request → 400 PHYSICAL_AND_DIGITAL', 'either digital or physical cards in one request, not both', 'PHYSICAL_AND_DIGITAL', 'activeSessionId', () => ({
    ...physical(freshLoyaltyId()),
    quantity: 1,
  }), 'invalid-input'),
  {
    ...common,
    id: 'exchange-solutions.add-cards.400-fill-then-exceed',
    rule: 'cards added a moment ago count towards the limit of the account',
    consumes: ['activeSessionId', 'activeCardRoom'],
    proves: 'state-change',
    title: 'fill the account up to its limit, then add one more → 400 MAXIMUM_CARDS_EXCEEDED',
    status: 400,
    example: 'MAXIMUM_CARDS_EXCEEDED',
    needs: [...active, 'activeCardRoom'],
    mutates: true,
    setup: (f) => [add(f, 'activeSessionId', { quantity: Number(f.activeCardRoom) })],
    request: (f) => add(f, 'activeSessionId', { quantity: 1 }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.400-session-unknown',
    rule: 'correlation_id must name a started session',
    title: 'correlation_id of no session → 400 SESSION_NOT_FOUND',
    status: 400,
    example: 'SESSION_NOT_FOUND',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { path: { correlation_id: unknownId('session') } }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.400-quantity-not-integer',
    rule: 'quantity is a number',
    title: 'quantity that is not an integer → 400',
    status: 400,
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', { quantity: 'two' }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.400-loyalty-id-boolean',
    rule: 'loyaltyId is a number or a string of one',
    title: 'loyaltyId that is neither a number nor a string → 400',
    status: 400,
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', { physicalCards: [{ loyaltyId: true }] }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.400-malformed-json',
    rule: 'a body that is not JSON is a bad request',
    title: 'malformed JSON body → 400',
    status: 400,
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', undefined, { rawBody: '{"quantity": ' }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.401-no-token',
    rule: 'a missing token is refused',
    title: 'no bearer token → 401 UNAUTHORIZED',
    status: 401,
    example: 'UNAUTHORIZED',
    intent: 'no-auth',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { auth: 'none' }),
  },
  {
    ...common,
    id: 'exchange-solutions.add-cards.401-invalid-token',
    rule: 'an invalid token is refused',
    title: 'invalid bearer token → 401 UNAUTHORIZED',
    status: 401,
    example: 'UNAUTHORIZED',
    intent: 'no-auth',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { auth: `Bearer ${unknownId('token')}` }),
  },
];

export const cases: CaseFile = { scenarios };
