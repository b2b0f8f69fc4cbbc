import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, propertyEngine } from '../../testing/properties.ts';
import { SESSIONS, TAKEN_CARD } from './fixtures.ts';
import { exchangeSolutions } from './index.ts';
import type { ExchangeSolutionsState } from './state.ts';

const CORRELATION_IDS = [...Object.values(SESSIONS), 'no-such-session'];
/** A small pool, so that sequences keep adding the same loyalty IDs to different accounts. */
const LOYALTY_IDS = ['6012000000009001', '6012000000009002', '6012000000009003', TAKEN_CARD, '', 6012000000009001];

const physicalCards = fc.array(fc.record({ loyaltyId: fc.constantFrom(...LOYALTY_IDS), isDefault: fc.boolean() }), { maxLength: 4 });
const body = fc.oneof(
  physicalCards.map((cards) => ({ physicalCards: cards })),
  fc.integer({ min: 0, max: 6 }).map((quantity) => ({ quantity })),
  fc.record({ physicalCards, quantity: fc.integer({ min: 0, max: 3 }) }),
);
const command = fc.record({ session: fc.constantFrom(...CORRELATION_IDS), body });

describe('Exchange Solutions add cards: no sequence of adds corrupts state', () => {
  it('a card is on one account at most and stays there; successList tells the truth; limits hold; closed and deceased accounts never gain cards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const { engine } = propertyEngine();
        const owners = new Map<string, string>();
        const sizes = new Map<string, number>();
        for (const c of commands) {
          const response = await call(engine, exchangeSolutions, 'addCardsToAccount', { path: { correlation_id: c.session }, body: c.body }, 'seq');
          expect([200, 400]).toContain(response.status);
          const state = engine.state<ExchangeSolutionsState>('seq', 'exchange-solutions');
          // What a 200 reports as added is on the session's account.
          const accountId = state.sessions.get(c.session);
          for (const cardNumber of response.status === 200 ? (response.body as { successList: string[] }).successList : []) {
            expect(state.cardOwners.get(cardNumber)).toBe(accountId);
          }
          let cards = 0;
          for (const account of state.accounts.values()) {
            expect(account.cards.length).toBeLessThanOrEqual(account.maxCards);
            expect(account.cards.length).toBeGreaterThanOrEqual(sizes.get(account.accountId) ?? 0);
            if (account.status === 'Closed' || account.status === 'Deceased') expect(account.cards.length).toBe(0);
            sizes.set(account.accountId, account.cards.length);
            for (const { cardNumber } of account.cards) {
              cards++;
              expect(state.cardOwners.get(cardNumber)).toBe(account.accountId);
              expect(owners.get(cardNumber) ?? account.accountId).toBe(account.accountId);
              owners.set(cardNumber, account.accountId);
            }
          }
          // Every indexed card is on exactly the account the index names (no card on two accounts).
          expect(state.cardOwners.size).toBe(cards);
        }
      }),
      { numRuns: 200 },
    );
  });
});
