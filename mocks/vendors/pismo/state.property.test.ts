import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, propertyEngine } from '../../testing/properties.ts';
import { pismoAccountToken } from './account-token.ts';
import { pismo } from './index.ts';
import type { PismoState } from './state.ts';

const CARDS = [7001, 7002, 7003, 7100, 7200, 7300, 424242];
const ACCOUNTS = { 1001: [2001, 2002, 2003], 1002: [2003, 2001] } as const;

const bindCommand = fc.record({
  cardId: fc.constantFrom(...CARDS),
  account: fc.constantFrom(1001, 1002),
  tokenAccount: fc.constantFrom(1001, 1002),
  customerIndex: fc.nat(1),
  reissue: fc.option(fc.constantFrom(...CARDS), { nil: undefined }),
  advanceMs: fc.constantFrom(0, 50, 150),
});

describe('Pismo bind: no sequence of binds corrupts state', () => {
  it('a card that left UNBOUND never returns; a bound card keeps its account and customer; one 202 per card', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bindCommand, { maxLength: 25 }), async (commands) => {
        const { engine, clock } = propertyEngine();
        const session = 'seq';
        const accepted = new Map<number, number>();
        const bound = new Map<number, string>();
        for (const c of commands) {
          const customer = ACCOUNTS[c.account][c.customerIndex]!;
          const response = await call(engine, pismo, 'post-v2-card-bind', {
            path: { cardId: c.cardId },
            headers: { 'x-account-id': String(c.account), 'x-customer-id': String(customer), authorization: `Bearer ${pismoAccountToken(c.tokenAccount)}` },
            ...(c.reissue !== undefined ? { body: { reissued_card_id: c.reissue } } : {}),
          }, session);
          expect([202, 400, 403, 409]).toContain(response.status);
          if (response.status === 202) accepted.set(c.cardId, (accepted.get(c.cardId) ?? 0) + 1);
          clock.advance(c.advanceMs);
          const state = engine.state<PismoState>(session, 'pismo');
          for (const card of state.cards.values()) {
            const was = bound.get(card.cardId);
            if (card.status !== 'UNBOUND' && card.accountId !== undefined) {
              const now = `${card.accountId}/${card.customerId}`;
              if (was !== undefined) expect(now).toBe(was);
              bound.set(card.cardId, now);
            }
            if (accepted.has(card.cardId)) expect(card.status === 'UNBOUND' && !card.bindPending).toBe(false);
          }
        }
        for (const count of accepted.values()) expect(count).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});
