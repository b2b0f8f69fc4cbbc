/**
 * The runner's promises to a sandbox user: what cannot run says why, rate limits are honoured,
 * a silent server times out, and x-inferred deviations are warnings on targets that are not ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener } from '../../mocks/adapters/node-http.ts';
import type { Engine } from '../../mocks/core/engine.ts';
import { scenarios, unprovokable } from '../cases/index.ts';
import { send } from '../lib/http-client.ts';
import { runConformance, runScenario } from '../lib/run.ts';
import { newEngine, ownMockTarget } from '../targets/mock-targets.ts';

const paysafe = scenarios.filter((s) => s.vendor === 'paysafe');

function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      }),
    ),
  );
}

describe('conformance runner on a target that is not ours', () => {
  const listener = createRequestListener({ engine: newEngine() });
  const own = ownMockTarget('x', (vendor) => ({ listener, prefix: `/${vendor}` }));
  const { assignedCardId: _omitted, ...partial } = own.fixtures('paysafe');
  const sandbox = { ...own, name: 'sandbox-like', ownMock: false, capabilities: { control: false, mutations: false }, fixtures: () => partial };

  it('reports faults as not provokable, mutations as skipped, missing fixtures by key — never silently', async () => {
    const report = await runConformance({ target: sandbox, scenarios: paysafe, unprovokable, vendors: ['paysafe'] });
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('paysafe.assign.503-fault')).toMatchObject({ outcome: 'not-provokable', reason: expect.stringMatching(/fault injection/) });
    // The API names its own option; the CLI (mutationsSwitch) its flag.
    expect(byId.get('paysafe.assign.200-assign')).toMatchObject({ outcome: 'skipped', reason: 'changes data: run with allowMutations: true' });
    expect(byId.get('paysafe.assign.400-already-assigned')).toMatchObject({ outcome: 'skipped', reason: 'missing fixture paysafe.assignedCardId' });
    expect(report.results.filter((r) => r.outcome === 'failed')).toEqual([]);
    const row = report.matrix.rows.find((r) => r.status === 503)!;
    expect(row).toMatchObject({ outcome: 'not-provokable', reason: expect.stringMatching(/fault injection/) });
  });

  it('treats a deviation in an x-inferred part as an error on our mocks and a warning elsewhere', async () => {
    // Pismo publishes no error body: its whole envelope and every example are x-inferred.
    const engine = newEngine();
    const broken: Engine = {
      ...engine,
      handle: async (request) => {
        const response = await engine.handle(request);
        if (response.status !== 409) return response;
        const { message: _dropped, ...rest } = response.body as Record<string, unknown>;
        return { ...response, body: rest };
      },
    };
    const brokenListener = createRequestListener({ engine: broken });
    const scenario = scenarios.find((s) => s.id === 'pismo.bind.409-not-unbound')!;
    const asOurs = ownMockTarget('ours', (vendor) => ({ listener: brokenListener, prefix: `/${vendor}` }));
    const asSandbox = { ...asOurs, ownMock: false };
    const mine = await runScenario(asOurs, scenario, true);
    const theirs = await runScenario(asSandbox, scenario, true);
    expect(mine.outcome).toBe('failed');
    expect(mine.errors.map((e) => e.check)).toContain('bodyMatchesSchema');
    expect(theirs.outcome).toBe('passed');
    expect(theirs.warnings.map((e) => e.check)).toContain('bodyMatchesSchema');
  });
});

describe('http client', () => {
  let server: { url: string; close: () => Promise<void> };
  let hits = 0;
  beforeAll(async () => {
    server = await listen((req, res) => {
      if (req.url === '/silent') return; // never answers
      hits++;
      if (hits <= 2) res.writeHead(429, { 'retry-after': '0' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  afterAll(() => server.close());

  const target = (timeoutMs = 10_000) => ({ ...ownMockTarget('t', () => server.url), timeoutMs });

  it('honours 429 with Retry-After and tries again', async () => {
    const sleeps: number[] = [];
    const response = await send(target(), 'paysafe', { method: 'GET', url: '/limited', headers: {} }, async (ms) => {
      sleeps.push(ms);
    });
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([0, 0]);
  });

  it('gives up on a server that does not answer within the time-out', async () => {
    const started = performance.now();
    await expect(send(target(300), 'paysafe', { method: 'GET', url: '/silent', headers: {} })).rejects.toThrow(/timeout/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
