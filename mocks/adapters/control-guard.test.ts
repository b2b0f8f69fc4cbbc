import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { createEngine } from '../core/engine.ts';
import { CHROMIUM_PATH, chromiumAvailable } from '../testing/chromium.ts';
import { allVendors } from '../vendors/index.ts';
import { documents } from '../../generated/documents.ts';
import { operationsOf } from '../../specs/lib/operations.ts';
import { CONTROL_TOKEN_HEADER, controlVerdict, hostAllowed, type Refusal } from './control-guard.ts';
import { startServer, type RunningServer } from './node-http.ts';

/** A request with a Host header of our choosing (fetch would not let us forge it). */
function withHost(url: string, method: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host allowlist (DNS rebinding)', () => {
  it.each([
    ['127.0.0.1:4010', true],
    ['localhost:4010', true],
    ['LOCALHOST', true],
    ['app.localhost:4010', true],
    ['[::1]:4010', true],
    ['192.0.2.7:4010', true], // an IP literal cannot be rebound
    ['evil.example:4010', false],
    ['evil.example', false],
    ['localhost.evil.example:4010', false],
    ['127.0.0.1.nip.io:4010', false],
    ['', false],
    [undefined, false],
    ['cards.test:4010', true],
  ] as const)('Host %s → allowed %s', (host, allowed) => {
    expect(hostAllowed(host, ['cards.test'])).toBe(allowed);
  });

  describe('over HTTP', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0, allowHosts: ['cards.test'] });
    });
    afterAll(() => server?.close());

    it('a forged Host gets 403 with cardmock error body, on the control API and the dashboard', async () => {
      for (const [method, path] of [['POST', '/__cardmock/reset'], ['GET', '/__cardmock/sessions'], ['GET', '/__cardmock/'], ['GET', '/__cardmock']]) {
        const r = await withHost(server.url, method!, path!, `evil.example:${server.port}`);
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('--allow-host') } });
      }
    });

    it('loopback names, the bound address and --allow-host names are answered', async () => {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `cards.test:${server.port}`]) {
        expect((await withHost(server.url, 'GET', '/__cardmock/sessions', host)).status, host).toBe(200);
      }
    });
  });

  describe.skipIf(!chromiumAvailable)('Chromium resolving a foreign name to 127.0.0.1', () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0 });
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP evil.example 127.0.0.1'],
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('a page on the rebound name can neither load the dashboard nor read or change state', async () => {
      const page = await browser.newPage();
      const response = await page.goto(`http://evil.example:${server.port}/__cardmock/`);
      expect(response?.status()).toBe(403);
      const seen = await page.evaluate(async () => {
        const state = await fetch('/__cardmock/paysafe/state');
        const reset = await fetch('/__cardmock/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'paysafe', status: 503 }) });
        return { state: state.status, fault: reset.status };
      });
      expect(seen).toEqual({ state: 403, fault: 403 });
      const faults = await fetch(`${server.url}/__cardmock/faults`).then((r) => r.json());
      expect(faults).toMatchObject({ faults: [] });
    });
  });
});

describe('the control spec says what the guard answers', () => {
  const control = documents['cardmock-control'];
  const refusals: [string, ReturnType<typeof controlVerdict>][] = [
    ['a token is set and not sent', controlVerdict({ headers: { host: 'localhost' }, remoteAddress: '127.0.0.1' }, { controlToken: 'secret' })],
    ['a client beyond loopback, no token set', controlVerdict({ headers: { host: '192.0.2.7' }, remoteAddress: '192.0.2.9' })],
    ['a Host it does not answer to', controlVerdict({ headers: { host: 'evil.example' }, remoteAddress: '127.0.0.1' })],
    ['a page of another origin', controlVerdict({ headers: { host: 'localhost', origin: 'http://evil.example' }, remoteAddress: '127.0.0.1' })],
  ];

  it.each(refusals)('%s: a status every control operation documents, in the error envelope', (_case, verdict) => {
    expect(verdict.ok).toBe(false);
    const { status } = verdict as Refusal;
    for (const op of operationsOf(control, 'cardmock-control')) {
      const documented = op.responses.find((r) => r.status === status);
      expect(documented?.content['application/json']?.schema, `${op.operationId} ${status}`).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    }
  });

  it('the token travels in the header of the spec\'s apiKey scheme, which the spec lets a request do without', () => {
    expect(control.components!.securitySchemes!.controlToken).toMatchObject({ type: 'apiKey', in: 'header', name: CONTROL_TOKEN_HEADER });
    expect(control.security).toEqual(expect.arrayContaining([{}, { controlToken: [] }]));
  });
});
