/**
 * Exchange Solutions `addCardsToAccount` scenarios, one or more per rule of its catalogue (seed 004).
 * Fixtures (Start Session correlation IDs): activeSessionId (registered Active account with room for
 * activeCardRoom more cards, digital cards enabled), closedSessionId, deceasedSessionId,
 * unregisteredSessionId, fullSessionId (an account at its card limit), noDigitalSessionId (digital
 * cards disabled for its program), suspendedSessionId and cancelledSessionId (accounts with those
 * statuses and room for a card); takenLoyaltyId (a card on an account other than the active one).
 *
 * The seed documents a closed account both as 400 (ACCOUNT_CLOSED_OR_DECEASED) and as 401
 * (API_VALIDATION): the rule takes either, with its documented body. The deceased rule is
 * unambiguous.
 */
import { scenariosOf, unknownId, type CaseFile, type Fixtures, type RequestSpec, type ScenarioDraft } from '../../lib/scenario.ts';

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
const rejected = (slug: string, title: string, rule: string, session: string, body: (f: Fixtures) => unknown, intent?: 'invalid-input'): ScenarioDraft => ({
  ...(intent ? { intent } : {}),
  id: `exchange-solutions.add-cards.400-${slug}`,
  title,
  rule: `exchange-solutions.add-cards.${rule}`,
  needs: [session],
  request: (f) => add(f, session, body(f)),
});

const scenarios: ScenarioDraft[] = [
  {
    id: 'exchange-solutions.add-cards.200-physical',
    title: 'two new physical cards on a registered active account → 200, both in successList',
    rule: 'exchange-solutions.add-cards.adds-physical-cards',
    consumes: ['activeSessionId'],
    needs: active,
    mutates: true,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId(), freshLoyaltyId())),
  },
  {
    id: 'exchange-solutions.add-cards.200-digital',
    rule: 'exchange-solutions.add-cards.adds-digital-cards',
    consumes: ['activeSessionId'],
    title: 'quantity 1, digital cards enabled, twice → 200 with a new card number each time',
    needs: active,
    mutates: true,
    setup: (f) => [add(f, 'activeSessionId', { quantity: 1 })],
    request: (f) => add(f, 'activeSessionId', { quantity: 1 }),
  },
  {
    id: 'exchange-solutions.add-cards.200-partly-added',
    rule: 'exchange-solutions.add-cards.lists-failed-cards',
    consumes: ['activeSessionId'],
    title: 'a card already on another account, with a new one → 200, that card in errorList (PARTLY_ADDED)',
    needs: [...active, 'takenLoyaltyId'],
    mutates: true,
    request: (f) => add(f, 'activeSessionId', physical(f.takenLoyaltyId!, freshLoyaltyId())),
  },
  {
    id: 'exchange-solutions.add-cards.200-own-card-again',
    rule: 'exchange-solutions.add-cards.own-card-again',
    consumes: ['activeSessionId'],
    title: 'add a new card, then the same card again → 200, the card answered as added',
    needs: active,
    mutates: true,
    setup: (f) => [add(f, 'activeSessionId', physical(ownCard(f)))],
    request: (f) => add(f, 'activeSessionId', physical(ownCard(f))),
  },
  ...(['suspended', 'cancelled'] as const).map(
    (status): ScenarioDraft => ({
      id: `exchange-solutions.add-cards.200-${status}-account`,
      rule: 'exchange-solutions.add-cards.open-accounts-accept',
      consumes: [`${status}SessionId`],
      title: `a new physical card on a ${status[0]!.toUpperCase()}${status.slice(1)} account → 200`,
      needs: [`${status}SessionId`],
      mutates: true,
      request: (f) => add(f, `${status}SessionId`, physical(freshLoyaltyId())),
    }),
  ),
  rejected('quantity-zero', 'quantity 0 → 400 NO_CARD_REQUESTED', 'at-least-one-card', 'activeSessionId', () => ({ quantity: 0 }), 'invalid-input'),
  rejected('nothing-requested', 'neither physicalCards nor quantity → 400 NO_CARD_REQUESTED', 'at-least-one-card', 'activeSessionId', () => ({}), 'invalid-input'),
  rejected('empty-loyalty-id', 'a physical card with an empty loyaltyId → 400 INVALID_LOYALTY_ID', 'loyalty-id-not-empty', 'activeSessionId', () => physical('')),
  rejected('closed', 'account CLOSED → 400 ACCOUNT_CLOSED_OR_DECEASED (or the 401 the page documents too)', 'account-not-closed', 'closedSessionId', () => physical(freshLoyaltyId())),
  rejected('deceased', 'account DECEASED → 400 ACCOUNT_CLOSED_OR_DECEASED', 'account-not-deceased', 'deceasedSessionId', () => physical(freshLoyaltyId())),
  rejected('not-registered', 'account not registered → 400 ACCOUNT_NOT_REGISTERED', 'account-registered', 'unregisteredSessionId', () => physical(freshLoyaltyId())),
  rejected('account-full', 'account at its card limit, one more card → 400 MAXIMUM_CARDS_EXCEEDED', 'card-limit', 'fullSessionId', () => physical(freshLoyaltyId())),
  rejected('digital-disabled', 'digital cards disabled for the program → 400 DIGITAL_CARDS_NOT_ENABLED', 'digital-cards-enabled', 'noDigitalSessionId', () => ({ quantity: 1 })),
  rejected('physical-and-digital', 'physical and digital cards in one request → 400 PHYSICAL_AND_DIGITAL', 'one-kind-per-request', 'activeSessionId', () => ({
    ...physical(freshLoyaltyId()),
    quantity: 1,
  }), 'invalid-input'),
  {
    id: 'exchange-solutions.add-cards.400-fill-then-exceed',
    rule: 'exchange-solutions.add-cards.card-limit',
    consumes: ['activeSessionId', 'activeCardRoom'],
    proves: 'state-change',
    title: 'fill the account up to its limit, then add one more → 400 MAXIMUM_CARDS_EXCEEDED',
    needs: [...active, 'activeCardRoom'],
    mutates: true,
    setup: (f) => [add(f, 'activeSessionId', { quantity: Number(f.activeCardRoom) })],
    request: (f) => add(f, 'activeSessionId', { quantity: 1 }),
  },
  {
    id: 'exchange-solutions.add-cards.400-session-unknown',
    rule: 'exchange-solutions.add-cards.session-exists',
    title: 'correlation_id of no session → 400 SESSION_NOT_FOUND',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { path: { correlation_id: unknownId('session') } }),
  },
  {
    id: 'exchange-solutions.add-cards.400-quantity-not-integer',
    rule: 'exchange-solutions.add-cards.request-valid',
    title: 'quantity that is not a number → 400',
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', { quantity: 'two' }),
  },
  {
    id: 'exchange-solutions.add-cards.400-loyalty-id-boolean',
    rule: 'exchange-solutions.add-cards.request-valid',
    title: 'loyaltyId that is neither a number nor a string → 400',
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', { physicalCards: [{ loyaltyId: true }] }),
  },
  {
    id: 'exchange-solutions.add-cards.400-malformed-json',
    rule: 'exchange-solutions.add-cards.request-valid',
    title: 'malformed JSON body → 400',
    intent: 'invalid-input',
    needs: active,
    request: (f) => add(f, 'activeSessionId', undefined, { rawBody: '{"quantity": ' }),
  },
  {
    id: 'exchange-solutions.add-cards.401-no-token',
    rule: 'exchange-solutions.add-cards.token-required',
    title: 'no bearer token → 401 UNAUTHORIZED',
    intent: 'no-auth',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { auth: 'none' }),
  },
  {
    id: 'exchange-solutions.add-cards.401-invalid-token',
    rule: 'exchange-solutions.add-cards.token-valid',
    title: 'invalid bearer token → 401 UNAUTHORIZED',
    intent: 'no-auth',
    needs: active,
    request: (f) => add(f, 'activeSessionId', physical(freshLoyaltyId()), { auth: `Bearer ${unknownId('token')}` }),
  },
];

/** One fresh loyalty ID per session fixture: the setup adds it, the judged request adds it again. */
const ownCards = new Map<unknown, string>();
function ownCard(f: Fixtures): string {
  if (!ownCards.has(f.activeSessionId)) ownCards.set(f.activeSessionId, freshLoyaltyId());
  return ownCards.get(f.activeSessionId)!;
}

export const cases: CaseFile = { scenarios: scenariosOf('exchange-solutions', 'addCardsToAccount', scenarios) };
