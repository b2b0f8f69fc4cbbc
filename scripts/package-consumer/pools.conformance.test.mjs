// describeConformance with fixture pools, from the installed package: cardmock's own server is the
// implementation under test, without sessions (control: false), so every scenario meets the state
// the others left and each that uses a card up needs one of its own from a pool.
import { createEngine, pismo } from 'cardmock';
import { startServer } from 'cardmock/server';
import { describeConformance } from 'cardmock/vitest';

describeConformance('a server without sessions, fixtures pooled', {
  vendors: ['pismo'],
  start: async () => {
    const server = await startServer({ engine: createEngine({ settings: { asyncDelayMs: 0 } }), port: 0, host: '127.0.0.1', control: false });
    return {
      baseUrl: `${server.url}/pismo`,
      stop: () => server.close(),
      allowMutations: true,
      authorization: pismo.samples.authorization,
      fixtures: { pismo: { ...pismo.samples.fixtures, unboundCardId: [7001, 7002, 7003, 7004, 7005], reissuableCardId: [7100, 7101] } },
    };
  },
});
