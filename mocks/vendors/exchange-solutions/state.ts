/**
 * Exchange Solutions' domain model for adding cards (ES Loyalty 3.0): member accounts with their
 * status, card limit, digital-cards setting and cards; the Start Session correlation IDs that name
 * an account; and the bearer tokens the mock accepts. `cardOwners` indexes every card number to
 * its account, so "already on another account" is one Map lookup at any scale.
 * @see https://www.exchangesolutions.com/ (ES Loyalty 3.0: Add Card(s) to Account, Start Session)
 */
import type { components } from '../../../generated/exchange-solutions.ts';

export type ExchangeSolutionsFixtures = components['schemas']['CardmockFixtures'];
type AccountFixture = NonNullable<ExchangeSolutionsFixtures['accounts']>[number];
/** ES account statuses; Deceased and Closed are permanent, Unregistered means the member has not registered. */
export type AccountStatus = AccountFixture['status'];
export type CardStatus = components['schemas']['CardStatus'];

/** The default `maxCards` of ExchangeSolutionsFixtures in specs/cardmock-control.openapi.yaml. */
const DEFAULT_MAX_CARDS = 5;

export interface EsCard {
  cardNumber: string;
  kind: 'physical' | 'digital';
  /** Cards added by this request are Active (seed 004). */
  status: CardStatus;
  cardLabel?: string;
}

export interface EsAccount {
  accountId: string;
  status: AccountStatus;
  maxCards: number;
  digitalCardsEnabled: boolean;
  /**
   * The account's cards in the order they were added: at most `maxCards`, so a list (an empty Map
   * per account cost ~250 bytes at 100 000 accounts); card numbers are looked up in `cardOwners`.
   */
  cards: EsCard[];
  /** The card a request marked `isDefault` last. */
  defaultCard?: string;
}

export interface ExchangeSolutionsState {
  accounts: Map<string, EsAccount>;
  /** correlation_id → account ID. */
  sessions: Map<string, string>;
  /** Card number → account ID, for every card on every account. */
  cardOwners: Map<string, string>;
  tokens: Set<string>;
  /** Counter behind the digital card numbers this state hands out. */
  digitalCounter: number;
}

export function emptyState(): ExchangeSolutionsState {
  return { accounts: new Map(), sessions: new Map(), cardOwners: new Map(), tokens: new Set(), digitalCounter: 0 };
}

/** Adds the fixtures all or nothing; returns why when one would clash with the state or itself. */
export function addFixtures(state: ExchangeSolutionsState, fixtures: ExchangeSolutionsFixtures): string | undefined {
  const conflict = findConflict(state, fixtures);
  if (conflict) return conflict;
  for (const a of fixtures.accounts ?? []) {
    const account: EsAccount = {
      accountId: a.accountId,
      // The control API validates but does not fill in defaults.
      status: a.status ?? 'Active',
      maxCards: a.maxCards ?? DEFAULT_MAX_CARDS,
      digitalCardsEnabled: a.digitalCardsEnabled ?? true,
      cards: [],
    };
    state.accounts.set(account.accountId, account);
    for (const cardNumber of a.cards ?? []) addCard(state, account, { cardNumber, kind: 'physical', status: 'Active' });
  }
  for (const s of fixtures.sessions ?? []) state.sessions.set(s.correlationId, s.accountId);
  for (const t of fixtures.tokens ?? []) state.tokens.add(t);
  return undefined;
}

function findConflict(state: ExchangeSolutionsState, fixtures: ExchangeSolutionsFixtures): string | undefined {
  const accounts = new Set<string>();
  const cards = new Set<string>();
  for (const a of fixtures.accounts ?? []) {
    if (state.accounts.has(a.accountId) || accounts.has(a.accountId)) return `account ${a.accountId} already exists`;
    accounts.add(a.accountId);
    if ((a.cards?.length ?? 0) > (a.maxCards ?? DEFAULT_MAX_CARDS)) return `account ${a.accountId} holds more cards than its maxCards`;
    for (const c of a.cards ?? []) {
      if (state.cardOwners.has(c) || cards.has(c)) return `card ${c} is already on an account`;
      cards.add(c);
    }
  }
  const sessions = new Set<string>();
  for (const s of fixtures.sessions ?? []) {
    if (state.sessions.has(s.correlationId) || sessions.has(s.correlationId)) return `session ${s.correlationId} already exists`;
    if (!state.accounts.has(s.accountId) && !accounts.has(s.accountId)) return `session ${s.correlationId} names unknown account ${s.accountId}`;
    sessions.add(s.correlationId);
  }
  return undefined;
}

export function addCard(state: ExchangeSolutionsState, account: EsAccount, card: EsCard): void {
  account.cards.push(card);
  state.cardOwners.set(card.cardNumber, account.accountId);
}

/** The account a Start Session correlation ID belongs to. */
export function accountOfSession(state: ExchangeSolutionsState, correlationId: string): EsAccount | undefined {
  const accountId = state.sessions.get(correlationId);
  return accountId === undefined ? undefined : state.accounts.get(accountId);
}

export function snapshot(state: ExchangeSolutionsState) {
  return {
    accounts: [...state.accounts.values()].map(({ cards, ...account }) => ({ ...account, cards: [...cards] })),
    sessions: [...state.sessions].map(([correlationId, accountId]) => ({ correlationId, accountId })),
  };
}
