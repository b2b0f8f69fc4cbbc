import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { createEngine, type Engine } from './engine.ts';
import { sampleCall } from './sample-call.ts';
import type { MockResponse } from './types.ts';
import type { VendorModule } from './vendor.ts';
import { paysafe } from '../vendors/paysafe/index.ts';
import { pismo } from '../vendors/pismo/index.ts';

const send = (engine: Engine, vendor: VendorModule, operationId: string, headers: Record<string, string> = {}, body?: string): Promise<MockResponse> => {
  const c = sampleCall(vendor, operationId);
  const [path, qs = ''] = c.path.split('?');
  const sent = body ?? c.body;
  return engine.handleVendor(vendor.name, {
    method: c.method,
    path: path!,
    query: new URLSearchParams(qs),
    headers: { ...c.headers, 'x-cardmock-session': 's', ...headers },
    ...(sent !== undefined ? { body: sent } : {}),
  });
};

describe('a vendor request on its way to the operation', () => {
  it('after a fault delay, transitions that fell due while waiting have run', async () => {
    const clock = manualClock();
    const engine = createEngine({ vendors: [pismo], clock, settings: { asyncDelayMs: 100 }, sleep: async (ms) => clock.advance(ms) });
    expect((await send(engine, pismo, 'post-v2-card-bind')).status).toBe(202);
    // The same bind again, held 150 ms: by then the first bind has made the card CREATED.
    const again = await send(engine, pismo, 'post-v2-card-bind', { 'x-cardmock-delay': '150' });
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
    const body = sampleCall(paysafe, 'assignBulkCard').body!;
    expect((await send(engine, paysafe, 'assignBulkCard')).status).toBe(200);
    expect(storedBytes()).toBe(body.length);
    expect((await send(engine, paysafe, 'assignBulkCard', {}, '{"targetCustomerId": 5}')).status).toBe(400);
    expect(storedBytes()).toBe(body.length);
  });
});
