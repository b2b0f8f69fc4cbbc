import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, propertyEngine } from '../../testing/properties.ts';
import { paysafe } from './index.ts';
import type { PaysafeState } from './state.ts';

const CUSTOMERS = ['1231122232', '1233333323', '1230000001', '999'];
const CARDS = ['f16ba382-eb42-481a-b08f-c57bdc9aae24', '3fa85f64-5717-4562-b3fc-2c963f66afa6', '9c1d8a52-2f4e-4c7b-a1d6-0e5b7f3c2a10', '00000000-0000-4000-8000-000000000000'];

describe('Paysafe assign: no sequence of assigns corrupts state', () => {
  it('an assigned card stays assigned to the same customer; at most one 200 per card', async () => {
    const command = fc.record({ customer: fc.constantFrom(...CUSTOMERS), card: fc.constantFrom(...CARDS), target: fc.constantFrom(...CUSTOMERS) });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const { engine } = propertyEngine();
        const assigned = new Map<string, string>();
        const successes = new Map<string, number>();
        for (const c of commands) {
          const response = await call(engine, paysafe, 'assignBulkCard', { path: { customerId: c.customer, cardId: c.card }, body: { targetCustomerId: c.target } }, 'seq');
          expect([200, 400, 404]).toContain(response.status);
          if (response.status === 200) successes.set(c.card, (successes.get(c.card) ?? 0) + 1);
          for (const card of engine.state<PaysafeState>('seq', 'paysafe').cards.values()) {
            const before = assigned.get(card.cardId);
            if (before !== undefined) expect(card.assignedTo).toBe(before);
            if (card.assignedTo !== undefined) assigned.set(card.cardId, card.assignedTo);
          }
        }
        for (const n of successes.values()) expect(n).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});
