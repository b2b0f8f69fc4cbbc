import { afterEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { baseUrlPattern } from './msw.ts';
import { createEngine } from '../core/engine.ts';
import { sampleCall } from '../core/sample-call.ts';
import { allVendors } from '../vendors/index.ts';

describe('MSW base URLs', () => {
  it('match the spec host and everything below it; server variables match any label', () => {
    const pattern = baseUrlPattern('https://integration-api-cat2.{environment}.ext.{realm}.cia.enfuce.com/card');
    expect(pattern.exec('https://integration-api-cat2.prod.ext.acme.cia.enfuce.com/card/v1/X')?.[1]).toBe('/v1/X');
    expect(pattern.test('https://integration-api-cat2.prod.ext.acme.cia.enfuce.com.evil.example/card/v1/X')).toBe(false);
    expect(pattern.test('https://integration-api-cat2.prod.ext.acme.cia.enfuce.com/cardx')).toBe(false);
    expect(baseUrlPattern('https://sandbox.pismolabs.io').exec('https://sandbox.pismolabs.io/wallet/v2/cards/1/noname/bind')?.[1]).toBe('/wallet/v2/cards/1/noname/bind');
  });
});

describe('createHandlers', () => {
  let server: ReturnType<typeof setupServer> | undefined;
  afterEach(() => server?.close());

  // The `cardmock/msw` export itself is proved from the packed tarball (scripts/package.test.ts).
  it('answers at a configured base URL instead of the spec hosts', async () => {
    const { createHandlers } = await import('./msw.ts');
    const engine = createEngine({ vendors: allVendors });
    server = setupServer(...createHandlers({ engine, baseUrls: { paysafe: 'https://gateway.example/paysafe' } }));
    // 'error': an unmatched request fails inside MSW and never reaches the network.
    server.listen({ onUnhandledRequest: 'error' });
    const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
    const call = sampleCall(paysafe, 'assignBulkCard');
    const response = await fetch(`https://gateway.example/paysafe${call.path}`, { method: call.method, headers: call.headers, body: call.body! });
    expect(response.status).toBe(200);
    await expect(fetch(`https://api.paysafe.com/digitalwallets/v2${call.path}`, { method: call.method, headers: call.headers, body: call.body!, signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });

  it('answers by default at every base URL of each spec (production, test and sandbox hosts), and only there', async () => {
    const { createHandlers, specBaseUrls } = await import('./msw.ts');
    server = setupServer(...createHandlers({ controlBaseUrl: false }));
    server.listen({ onUnhandledRequest: 'error' });
    const answered: string[] = [];
    for (const vendor of allVendors) {
      const operationId = vendor.responses.operations[0]!.operationId;
      const call = sampleCall(vendor, operationId);
      const success = Math.min(...vendor.responses.operation(operationId).responses.map((r) => r.status));
      for (const [i, base] of specBaseUrls(vendor).entries()) {
        const url = `${base.replace(/\{[^}]+\}/g, 'acme')}${call.path}`;
        // A session per call: each is the first on its default fixtures.
        const response = await fetch(url, { method: call.method, headers: { ...call.headers, 'x-cardmock-session': `hosts-${vendor.name}-${i}` }, body: call.body ?? null });
        if (response.status === success) answered.push(url);
      }
    }
    expect(answered).toHaveLength(allVendors.reduce((n, v) => n + specBaseUrls(v).length, 0));
    expect(specBaseUrls(allVendors.find((v) => v.name === 'paysafe')!).length).toBeGreaterThan(1);
    await expect(fetch('https://api.paysafe.com.evil.example/digitalwallets/v2/x', { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });

  it('refuses a baseUrls key that names no served vendor', async () => {
    const { createHandlers } = await import('./msw.ts');
    expect(() => createHandlers({ baseUrls: { paysafee: 'https://gateway.example/paysafe' } as never })).toThrow(
      'cardmock createHandlers: baseUrls names no served vendor: "paysafee" (served: pismo, paysafe, enfuce, capillary, exchange-solutions)',
    );
  });

  it('answers the control API under its control base URL, never at a vendor host', async () => {
    const { createHandlers } = await import('./msw.ts');
    server = setupServer(...createHandlers());
    server.listen({ onUnhandledRequest: 'error' });
    const sessions = await fetch('http://cardmock.localhost/__cardmock/sessions');
    expect(sessions.status).toBe(200);
    // At a vendor's host the path is just an unknown Pismo path, answered in Pismo's envelope.
    const atVendor = await fetch('https://sandbox.pismolabs.io/__cardmock/sessions');
    expect(atVendor.status).toBe(400);
    expect(await atVendor.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the control API over MSW, as over HTTP', () => {
  let server: ReturnType<typeof setupServer> | undefined;
  afterEach(() => server?.close());
  const control = 'https://tests.example/__cardmock';

  it('fixtures, state, faults and reset work per session', async () => {
    const { createHandlers } = await import('./msw.ts');
    server = setupServer(...createHandlers({ controlBaseUrl: 'https://tests.example' }));
    server.listen({ onUnhandledRequest: 'error' });
    const session = { 'x-cardmock-session': 'msw-control', 'content-type': 'application/json' };
    const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
    const call = sampleCall(paysafe, 'assignBulkCard');
    const assign = () => fetch(`https://api.paysafe.com/digitalwallets/v2${call.path}`, { method: call.method, headers: { ...call.headers, ...session }, body: call.body! });

    const added = await fetch(`${control}/paysafe/fixtures`, { method: 'POST', headers: session, body: JSON.stringify({ customers: [{ customerId: '1239990001' }] }) });
    expect(added.status).toBe(200);
    const fault = await fetch(`${control}/faults`, { method: 'POST', headers: session, body: JSON.stringify({ vendor: 'paysafe', status: 503, times: 1 }) });
    expect(fault.status).toBe(201);
    expect((await assign()).status).toBe(503);
    expect((await assign()).status).toBe(200);
    const state = (await (await fetch(`${control}/paysafe/state`, { headers: session })).json()) as { customers: { customerId: string }[] };
    expect(JSON.stringify(state)).toContain('1239990001');
    expect((await assign()).status).toBe(400); // assigned already, in this session
    expect((await fetch(`${control}/reset`, { method: 'POST', headers: session })).status).toBe(200);
    expect((await assign()).status).toBe(200); // a fresh session again
  });
});
