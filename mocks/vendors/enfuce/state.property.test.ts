import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, propertyEngine } from '../../testing/properties.ts';
import { AUDIT_USER, CUSTOMER_ID, OTHER_CUSTOMER_ID, sampleBody } from './fixtures.ts';
import { IDEMPOTENCY_TTL_MS } from './idempotency-store.ts';
import { enfuce } from './index.ts';
import type { CreatedCard, EnfuceState } from './state.ts';

const HOUR = 60 * 60 * 1000;
const createCommand = fc.record({
  customer: fc.constantFrom(CUSTOMER_ID, OTHER_CUSTOMER_ID, '999999'),
  key: fc.option(fc.constantFrom('k1', 'k2', 'k3', 'x'.repeat(65)), { nil: undefined }),
  pinStatus: fc.option(fc.constantFrom('D', 'W', 'S', 'Q'), { nil: undefined }),
  applications: fc.nat(3),
  badEmbossing: fc.boolean(),
  advanceMs: fc.constantFrom(0, HOUR, 12 * HOUR, IDEMPOTENCY_TTL_MS - 1, IDEMPOTENCY_TTL_MS),
});
type Command = typeof createCommand extends fc.Arbitrary<infer C> ? C : never;

function body(c: Command): unknown {
  const b = sampleBody() as Record<string, any>;
  b.applications = Array.from({ length: c.applications }, (_, i) => ({ applicationName: `APP${i}`, accountId: String(i) }));
  if (c.pinStatus === undefined) delete b.pinStatus;
  else b.pinStatus = c.pinStatus;
  if (c.badEmbossing) b.embossing.lastName = 'Öberg€';
  return b;
}

describe('Enfuce create: no sequence of creates corrupts state', () => {
  it('IDs are unique, a replay never creates a card and answers the stored body, a stored card never changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(createCommand, { maxLength: 30 }), async (commands) => {
        const { engine, clock } = propertyEngine();
        const session = 'seq';
        const stored = new Map<string, { body: CreatedCard; at: number }>();
        const seen = new Map<string, string>();
        let created = 0;
        for (const c of commands) {
          clock.advance(c.advanceMs);
          const before = engine.state<EnfuceState>(session, 'enfuce').cards.size;
          const response = await call(engine, enfuce, 'createMultiApplicationCard', {
            path: { customerId: c.customer },
            query: { auditUser: AUDIT_USER },
            ...(c.key !== undefined ? { headers: { 'x-idempotency-key': c.key } } : {}),
            body: body(c),
          }, session);
          expect([201, 400, 404]).toContain(response.status);
          const state = engine.state<EnfuceState>(session, 'enfuce');

          const live = c.key !== undefined ? stored.get(c.key) : undefined;
          const replay = live !== undefined && clock.now() - live.at < IDEMPOTENCY_TTL_MS;
          if (replay && response.status !== 400) {
            expect(response.status).toBe(201);
            expect(response.body).toEqual(live!.body);
            expect(state.cards.size).toBe(before);
          } else if (response.status === 201) {
            created++;
            expect(state.cards.size).toBe(before + 1);
            if (c.key !== undefined) stored.set(c.key, { body: response.body as CreatedCard, at: clock.now() });
          } else {
            expect(state.cards.size).toBe(before);
          }

          expect(state.cards.size).toBe(created);
          const ids = [...state.cards.values()].flatMap((card) => [card.mainId, ...card.applications.map((a) => a.id)]);
          expect(new Set(ids).size).toBe(ids.length);
          for (const card of state.cards.values()) {
            const now = JSON.stringify(card);
            expect(seen.get(card.mainId) ?? now).toBe(now);
            seen.set(card.mainId, now);
            expect(['D', 'W', 'S']).toContain(card.pinStatus);
          }
          expect([...state.customers.values()].reduce((n, customer) => n + customer.cardIds.length, 0)).toBe(created);
          expect(state.idempotency.records.size).toBeLessThanOrEqual(stored.size);
        }
      }),
      { numRuns: 200 },
    );
  });
});
