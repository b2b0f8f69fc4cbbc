import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, propertyEngine } from '../../testing/properties.ts';
import { capillary } from './index.ts';
import type { CapillaryState } from './state.ts';

describe('Capillary add card: no sequence of adds corrupts state', () => {
  it('card numbers and external IDs stay unique; a card never changes series or ID', async () => {
    const command = fc.record({
      series: fc.constantFrom<Record<string, unknown>>({ seriesId: 224 }, { seriesId: 225 }, { seriesId: 226 }, { seriesId: 9 }, { seriesCode: 'GIFT' }, { seriesCode: 'X' }),
      cardNumber: fc.constantFrom('a', 'b', 'c', 'ghost0000800001000001'),
      externalId: fc.option(fc.constantFrom('e1', 'e2', 'CardExternal0001'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const { engine } = propertyEngine();
        const seen = new Map<string, string>();
        for (const c of commands) {
          const body = { ...c.series, cardNumber: c.cardNumber, statusLabel: 'NOT_ISSUED', ...(c.externalId ? { cardExternalId: c.externalId } : {}) };
          const r = await call(engine, capillary, 'addCardToSeries', { path: {}, body }, 'seq');
          expect([200, 400, 404, 409]).toContain(r.status);
          const state = engine.state<CapillaryState>('seq', 'capillary');
          const external = new Set<string>();
          for (const card of state.cards.values()) {
            const key = `${card.id}/${card.seriesId}`;
            const before = seen.get(card.cardNumber);
            if (before !== undefined) expect(key).toBe(before);
            seen.set(card.cardNumber, key);
            if (card.cardExternalId !== undefined) {
              expect(external.has(card.cardExternalId)).toBe(false);
              external.add(card.cardExternalId);
              expect(state.cardsByExternalId.get(card.cardExternalId)).toBe(card);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
