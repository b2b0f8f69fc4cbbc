import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { createEngine } from './engine.ts';
import { sampleCall } from './sample-call.ts';
import type { VendorModule } from './vendor.ts';
import { REQUEST_STEPS } from './vendor-request.ts';
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

describe('the steps of a vendor request', () => {
  /** The steps the README names under "A request passes, in order": its numbered list, in bold. */
  const readmeSteps = () => {
    const readme = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    const list = /\nA request passes, in order,[\s\S]*?\n\n((?:\d+\. [\s\S]*?)(?:\n\n|$))/.exec(readme)?.[1] ?? '';
    return [...list.matchAll(/^\d+\. \*\*(.+?)\*\*/gm)].map((m) => m[1]);
  };

  /** The step functions `answerVendorRequest` calls, in the order its text calls them. */
  const calledSteps = () => {
    const source = readFileSync(new URL('./vendor-request.ts', import.meta.url), 'utf8');
    const main = /\nexport async function answerVendorRequest\([\s\S]*?\n}\n/.exec(source)?.[0] ?? '';
    const names = new Map(Object.entries(REQUEST_STEPS).map(([step, fn]) => [fn.name, step]));
    return [...main.matchAll(/\b([A-Za-z]+)\(/g)].map((m) => names.get(m[1]!)).filter((step) => step !== undefined);
  };

  it('are the README\'s, in its order', () => {
    expect(readmeSteps()).toEqual(Object.keys(REQUEST_STEPS));
  });

  it('are taken by answerVendorRequest in that order, each once', () => {
    expect(calledSteps()).toEqual(Object.keys(REQUEST_STEPS));
  });
});
