/**
 * A new vendor is a folder: the example vendor (its own tiny spec, one stateful rule, in
 * mocks/testing/example-vendor/) is registered with the app and the suite, served over HTTP and
 * MSW, and judged by the conformance suite like cardmock's five.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { serveCli } from '../../mocks/testing/cli-server.ts';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../mocks/adapters/msw.ts';
import { createRequestListener, startServer } from '../../mocks/adapters/node-http.ts';
import { createEngine } from '../../mocks/core/engine.ts';
import { exampleVouchers } from '../../mocks/testing/example-vendor/index.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import { formatFailure } from '../lib/reporters/terminal.ts';
import { runConformance } from '../lib/run.ts';
import { scenariosOf } from '../lib/scenario.ts';
import { registerVendorSpec } from '../lib/spec-index.ts';
import type { Target } from '../lib/target.ts';

const vendor = registerVendorSpec(exampleVouchers.document);
const common = { needs: ['voucherId'] };
const redeem = (voucherId: string, extra: object = {}) => ({ path: { voucherId }, ...extra });
const scenarios = scenariosOf(vendor, 'redeemVoucher', [
  { ...common, id: 'example.redeem.200', title: 'redeem → 200', rule: 'example-vouchers.redeem.redeems-voucher', mutates: true, consumes: ['voucherId'], request: (f) => redeem(String(f.voucherId)) },
  { ...common, id: 'example.redeem.409-twice', title: 'redeem twice → 409', rule: 'example-vouchers.redeem.once', proves: 'state-change', mutates: true, consumes: ['voucherId'], setup: (f) => [redeem(String(f.voucherId))], request: (f) => redeem(String(f.voucherId)) },
  { ...common, id: 'example.redeem.404', title: 'unknown voucher → 404', rule: 'example-vouchers.redeem.voucher-exists', request: () => redeem('V999999') },
  { ...common, id: 'example.redeem.400', title: 'not a voucher ID → 400', rule: 'example-vouchers.redeem.request-valid', intent: 'invalid-input', request: () => redeem('not-a-voucher') },
  { ...common, id: 'example.redeem.401', title: 'no token → 401', rule: 'example-vouchers.redeem.token-required', intent: 'no-auth', request: (f) => redeem(String(f.voucherId), { auth: 'none' }) },
]);

const targetOf = (name: string, base: Target['base'], controlApi?: Target['controlApi']): Target => ({
  name,
  ownMock: true,
  capabilities: { control: true, mutations: true },
  vendors: [vendor],
  base,
  authorization: () => exampleVouchers.samples.authorization,
  fixtures: () => exampleVouchers.samples.fixtures,
  ...(controlApi ? { controlApi } : {}),
});

async function judged(target: Target) {
  const report = await runConformance({ target, scenarios, vendors: [vendor] });
  expect(report.results.flatMap((r) => r.errors).map(formatFailure)).toEqual([]);
  expect(report.results.map((r) => r.outcome)).toEqual(scenarios.map(() => 'passed'));
  expect(report.matrix.complete).toBe(true);
}

describe('a new vendor is a folder', () => {
  const vendors = [...allVendors, exampleVouchers];
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('in process (the Node listener over createApp)', async () => {
    const listener = createRequestListener({ engine: createEngine({ vendors }) });
    await judged(targetOf('in-process', () => ({ listener, prefix: `/${vendor}` }), { listener, prefix: '' }));
  });

  it('over HTTP, its fixtures and state through the control API like the five', async () => {
    const server = await startServer({ engine: createEngine({ vendors }), port: 0 });
    closers.push(() => server.close());
    await judged(targetOf('http', () => `${server.url}/${vendor}`, server.url));
    const session = { 'x-cardmock-session': 'example', 'content-type': 'application/json' };
    const added = await fetch(`${server.url}/__cardmock/${vendor}/fixtures`, { method: 'POST', headers: session, body: JSON.stringify({ vouchers: ['V77'] }) });
    expect(added.status).toBe(200);
    const refused = await fetch(`${server.url}/__cardmock/${vendor}/fixtures`, { method: 'POST', headers: session, body: JSON.stringify({ vouchers: ['seventy'] }) });
    expect(refused.status).toBe(400); // validated against the vendor's own CardmockFixtures
    const state = await (await fetch(`${server.url}/__cardmock/${vendor}/state`, { headers: session })).json();
    expect(JSON.stringify(state)).toContain('V77');
  });

  it("over MSW, at the vendor's own host", async () => {
    const msw = setupServer(...createHandlers({ vendors: [exampleVouchers] }));
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      await judged(targetOf('msw', () => 'https://vouchers.example'));
    } finally {
      msw.close();
    }
  });

  it('its error codes are judged where its spec says they live (x-cardmock-error), like the five', async () => {
    const engine = createEngine({ vendors });
    const broken = { ...engine, handle: async (request: Parameters<typeof engine.handle>[0]) => {
      const response = await engine.handle(request);
      return response.status === 409 ? { ...response, body: { ...(response.body as object), code: 'SOMETHING_ELSE' } } : response;
    } };
    const listener = createRequestListener({ engine: broken });
    const report = await runConformance({ target: targetOf('broken', () => ({ listener, prefix: `/${vendor}` }), { listener, prefix: '' }), scenarios, vendors: [vendor] });
    const failed = report.results.find((r) => r.id === 'example.redeem.409-twice')!;
    expect(failed.errors.map((e) => [e.check, e.expected])).toEqual([['errorCodeDocumented', 'ALREADY_REDEEMED: /code="ALREADY_REDEEMED"']]);
  });

  it('served by `cardmock serve --vendor-module`', async () => {
    const file = fileURLToPath(new URL('../../mocks/testing/example-vendor/index.ts', import.meta.url));
    const { child, url } = await serveCli(['--port', '0', '--quiet', '--vendor-module', file]);
    closers.push(() => void child.kill('SIGKILL'));
    const first = await fetch(`${url}/${vendor}/vouchers/V1/redeem`, { method: 'POST', headers: { authorization: exampleVouchers.samples.authorization } });
    expect(first.status).toBe(200);
    await judged(targetOf('cli', () => `${url}/${vendor}`, url));
  });
});
