/**
 * Named states of Exchange Solutions a front end wants to see (mocks/core/presets.ts), each added
 * to the default fixtures of a session by `POST /__cardmock/presets/{preset}`. Each has an account
 * and a Start Session correlation ID of its own, so that no default fixture changes.
 */
import type { Preset } from '../../core/presets.ts';
import type { ExchangeSolutionsFixtures } from './state.ts';

export const AT_CARD_LIMIT = { accountId: 'ACC-2001', correlationId: '0e5c0000-0000-4000-8000-000000002001', cards: ['6012000000201001', '6012000000201002'] };
export const UNREGISTERED = { accountId: 'ACC-2002', correlationId: '0e5c0000-0000-4000-8000-000000002002' };

export const exchangeSolutionsPresets: Preset<ExchangeSolutionsFixtures>[] = [
  {
    id: 'exchange-solutions.account-at-card-limit',
    title: 'An account at its card limit',
    description: `Account ${AT_CARD_LIMIT.accountId} (session ${AT_CARD_LIMIT.correlationId}) holds ${AT_CARD_LIMIT.cards.length} cards of ${AT_CARD_LIMIT.cards.length}: adding a card is refused and adds nothing.`,
    fixtures: {
      accounts: [{ accountId: AT_CARD_LIMIT.accountId, status: 'Active', maxCards: AT_CARD_LIMIT.cards.length, digitalCardsEnabled: true, cards: [...AT_CARD_LIMIT.cards] }],
      sessions: [{ correlationId: AT_CARD_LIMIT.correlationId, accountId: AT_CARD_LIMIT.accountId }],
    },
  },
  {
    id: 'exchange-solutions.member-not-registered',
    title: 'A member who has not registered',
    description: `Account ${UNREGISTERED.accountId} (session ${UNREGISTERED.correlationId}) belongs to a member who has not registered: adding a card is refused until they do.`,
    fixtures: {
      accounts: [{ accountId: UNREGISTERED.accountId, status: 'Unregistered', maxCards: 5, digitalCardsEnabled: true }],
      sessions: [{ correlationId: UNREGISTERED.correlationId, accountId: UNREGISTERED.accountId }],
    },
  },
];
