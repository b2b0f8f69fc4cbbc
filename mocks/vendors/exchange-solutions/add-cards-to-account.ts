/**
 * `POST /client/users/{correlation_id}/cards` (seed 004): add physical (`physicalCards`) or digital
 * (`quantity`) cards to the session's account as Active cards, within the account's card limit.
 *
 * Two documented rules are schema rules of the spec, answered before the domain with the example
 * the schema names (x-cardmock-rule): physical and digital cards in one request → 400
 * PHYSICAL_AND_DIGITAL (`exchange-solutions.add-cards.one-kind-per-request`: "physical" is a
 * non-empty `physicalCards`, "digital" a `quantity` above 0), and no card asked for (`quantity: 0`,
 * an empty `physicalCards`, or neither) → 400 NO_CARD_REQUESTED
 * (`exchange-solutions.add-cards.at-least-one-card`).
 *
 * Then, the request on its own first, then the account:
 * 3. a physical card whose `loyaltyId` is empty (or blank) → 400 INVALID_LOYALTY_ID
 *    (`exchange-solutions.add-cards.loyalty-id-not-empty`);
 * 4. `correlation_id` names no session → 400 SESSION_NOT_FOUND
 *    (`exchange-solutions.add-cards.session-exists`; the answer is inferred: ES documents no 404,
 *    and 400 INVALID_REQUEST is its answer to every other request it cannot act on);
 * 5. account Closed (`exchange-solutions.add-cards.account-not-closed`) or Deceased
 *    (`exchange-solutions.add-cards.account-not-deceased`) → 400 ACCOUNT_CLOSED_OR_DECEASED. The
 *    page also documents 401 API_VALIDATION "Account status is CLOSED." for a closed account (the
 *    rule's documented alternative); the mock answers 400 for both permanent statuses because the
 *    400 row covers exactly this condition, and a 401 would tell a client to renew its
 *    credentials, which cannot help. The mock's 401 means only missing or invalid credentials;
 * 6. account Unregistered → 400 ACCOUNT_NOT_REGISTERED (`exchange-solutions.add-cards.account-registered`);
 * 7. digital cards while the program has them disabled → 400 DIGITAL_CARDS_NOT_ENABLED
 *    (`exchange-solutions.add-cards.digital-cards-enabled`);
 * 8. more cards than the account's limit → 400 MAXIMUM_CARDS_EXCEEDED, nothing added
 *    (`exchange-solutions.add-cards.card-limit`).
 * Then each physical card is added (`exchange-solutions.add-cards.adds-physical-cards`), or listed
 * in `errorList` when it is on another account (`exchange-solutions.add-cards.lists-failed-cards`,
 * the PARTLY_ADDED example); the others still succeed, so the answer is 200. Digital cards get new
 * numbers (`exchange-solutions.add-cards.adds-digital-cards`).
 *
 * Inferred rules, where the page leaves the case open:
 * - `exchange-solutions.add-cards.open-accounts-accept`: Suspended and Cancelled accounts accept
 *   cards: the error table refuses only CLOSED, DECEASED and unregistered accounts, and ES calls
 *   only Closed and Deceased permanent. Refusing them would fail clients that the real service serves;
 * - `exchange-solutions.add-cards.own-card-again`: a loyalty ID already on this account, or
 *   repeated in the request, is answered as added (once in `successList`) and counts once toward
 *   the limit: the card is on the account, as asked, so a retried request is harmless, and no
 *   documented message fits it.
 * A success names the most specific of these rules that shaped it: a failed card, then a card
 * added again, then an account that is not Active, then the kind of card added.
 */
import type { components, operations } from '../../../generated/exchange-solutions.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/responses/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { nextDigitalCardNumber } from './digital-card-number.ts';
import { addCardsRules, CARD_ON_ANOTHER_ACCOUNT } from './answers.ts';
import { accountOfSession, addCard, type EsAccount, type EsCard, type ExchangeSolutionsState } from './state.ts';

type Operation = operations['addCardsToAccount'];
type PhysicalCard = components['schemas']['PhysicalCard'];
type Added = OperationResponse<Operation> & { status: 200 };

export function addCardsToAccount(
  context: OperationContext<ExchangeSolutionsState, RequestBodyOf<Operation>, ParametersOf<Operation>>,
): OperationResponse<Operation> {
  const { state, request } = context;
  const { physicalCards = [], quantity = 0 } = request.body;

  if (physicalCards.some((card) => cardNumberOf(card) === '')) return addCardsRules.refuse('exchange-solutions.add-cards.loyalty-id-not-empty');

  const account = accountOfSession(state, request.path.correlation_id);
  if (!account) return addCardsRules.refuse('exchange-solutions.add-cards.session-exists');
  if (account.status === 'Closed') return addCardsRules.refuse('exchange-solutions.add-cards.account-not-closed');
  if (account.status === 'Deceased') return addCardsRules.refuse('exchange-solutions.add-cards.account-not-deceased');
  if (account.status === 'Unregistered') return addCardsRules.refuse('exchange-solutions.add-cards.account-registered');
  if (quantity > 0 && !account.digitalCardsEnabled) return addCardsRules.refuse('exchange-solutions.add-cards.digital-cards-enabled');

  return quantity > 0 ? addDigitalCards(state, account, quantity) : addPhysicalCards(state, account, physicalCards);
}

/** The page types loyaltyId as Number; JSON numbers and strings name the same card. */
const cardNumberOf = (card: PhysicalCard) => String(card.loyaltyId).trim();

function addPhysicalCards(state: ExchangeSolutionsState, account: EsAccount, physicalCards: PhysicalCard[]): OperationResponse<Operation> {
  const successList: string[] = [];
  const errorList: Added['body']['errorList'] = [];
  const fresh: EsCard[] = [];
  let defaultCard: string | undefined;
  const seen = new Set<string>();
  let again = false;
  for (const card of physicalCards) {
    const cardNumber = cardNumberOf(card);
    if (seen.has(cardNumber)) {
      again = true;
      continue;
    }
    seen.add(cardNumber);
    const owner = state.cardOwners.get(cardNumber);
    if (owner !== undefined && owner !== account.accountId) {
      errorList.push({ cardNumber, errorMessage: CARD_ON_ANOTHER_ACCOUNT });
      continue;
    }
    if (owner !== undefined) again = true;
    else fresh.push({ cardNumber, kind: 'physical', status: 'Active', ...(card.cardLabel !== undefined ? { cardLabel: card.cardLabel } : {}) });
    // The page types isDefault 'Boolean: Enum: "true" or "false"': both forms mean the same.
    if (card.isDefault === true || card.isDefault === 'true') defaultCard = cardNumber;
    successList.push(cardNumber);
  }
  if (account.cards.length + fresh.length > account.maxCards) return addCardsRules.refuse('exchange-solutions.add-cards.card-limit');

  for (const card of fresh) addCard(state, account, card);
  if (defaultCard !== undefined) account.defaultCard = defaultCard;
  const rule = errorList.length > 0 ? 'exchange-solutions.add-cards.lists-failed-cards' : again ? 'exchange-solutions.add-cards.own-card-again' : kindRule(account, 'exchange-solutions.add-cards.adds-physical-cards');
  return addCardsRules.succeed(rule, { successList, errorList });
}

function addDigitalCards(state: ExchangeSolutionsState, account: EsAccount, quantity: number): OperationResponse<Operation> {
  if (account.cards.length + quantity > account.maxCards) return addCardsRules.refuse('exchange-solutions.add-cards.card-limit');
  const successList = Array.from({ length: quantity }, () => {
    const cardNumber = nextDigitalCardNumber(state);
    addCard(state, account, { cardNumber, kind: 'digital', status: 'Active' });
    return cardNumber;
  });
  return addCardsRules.succeed(kindRule(account, 'exchange-solutions.add-cards.adds-digital-cards'), { successList, errorList: [] });
}

/** An account that is not Active (Suspended, Cancelled) accepts cards by an inferred rule of its own. */
const kindRule = <R extends string>(account: EsAccount, rule: R) =>
  account.status === 'Active' ? rule : 'exchange-solutions.add-cards.open-accounts-accept';
