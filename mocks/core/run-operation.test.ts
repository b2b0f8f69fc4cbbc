import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { createEngine } from './engine.ts';
import { sampleCall } from './sample-call.ts';
import type { VendorModule } from './vendor.ts';
import { call } from '../testing/properties.ts';
import { paysafe } from '../vendors/paysafe/index.ts';
import { pismo } from '../vendors/pismo/index.ts';

/** The vendor's sample call of its one operation, with extra headers. */
const sample = (vendor: VendorModule, operationId: string, headers: Record<string, string> = {}) => {
  const s = vendor.samples.requests[operationId]!;
  return { ...s, headers: { ...s.headers, ...headers } };
};

describe('a vendor request on its way to the operation', () => {
  it('after a fault delay, transitions that fell due while waiting have run', async () => {
    const clock = manualClock();
    const engine = createEngine({ vendors: [pismo], clock, settings: { asyncDelayMs: 100 }, sleep: async (ms) => clock.advance(ms) });
    expect((await call(engine, pismo, 'post-v2-card-bind', sample(pismo, 'post-v2-card-bind'), 's')).status).toBe(202);
    // The same bind again, held 150 ms: by then the first bind has made the card CREATED.
    const again = await call(engine, pismo, 'post-v2-card-bind', sample(pismo, 'post-v2-card-bind', { 'x-cardmock-delay': '150' }), 's');
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/is CREATED/);
  });

  it('an accepted body counts towards the session store budget; a refused one does not', async () => {
    const engine = createEngine({ vendors: [paysafe] });
    const storedBytes = () => {
      const session = engine.store.enter('s');
      engine.store.leave(session);
      return session.storedBytes;
    };
    const accepted = sampleCall(paysafe, 'assignBulkCard').body!;
    expect((await call(engine, paysafe, 'assignBulkCard', sample(paysafe, 'assignBulkCard'), 's')).status).toBe(200);
    expect(storedBytes()).toBe(accepted.length);
    expect((await call(engine, paysafe, 'assignBulkCard', sample(paysafe, 'assignBulkCard'), 's', '{"targetCustomerId": 5}')).status).toBe(400);
    expect(storedBytes()).toBe(accepted.length);
  });
});
