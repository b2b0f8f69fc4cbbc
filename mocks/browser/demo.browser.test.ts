import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../testing/chromium.ts';
import { demoDuringSuite, screenshots } from '../testing/demo-page.ts';
import { sandboxBaseUrl } from '../adapters/msw.ts';
import { paysafeResponses } from '../vendors/paysafe/answers.ts';
import { allVendors } from '../vendors/index.ts';
import { recorded } from './replay-recording.ts';

describe.skipIf(!chromiumAvailable)('demo page: MSW service worker in Chromium', () => {
  const demo = demoDuringSuite();
  let page: Page;
  beforeAll(async () => {
    page = await demo.open();
  }, 60_000);

  const send = async (vendor: string) => {
    const panel = page.locator(`.op[data-vendor="${vendor}"]`);
    const before = await panel.locator('.body').textContent();
    await panel.locator('button').click();
    await page.waitForFunction(
      ([v, b]) => document.querySelector(`.op[data-vendor="${v}"] .body`)?.textContent !== b,
      [vendor, before] as const,
    );
    return { status: await panel.locator('.status').textContent(), body: await panel.locator('.body').textContent(), rule: await panel.locator('.rule').textContent() };
  };

  it('calls each operation of every vendor at its own URL and gets its documented success', async () => {
    const vendors = await page.locator('.op').evaluateAll((panels) => panels.map((p) => (p as HTMLElement).dataset.vendor!));
    expect(vendors).toEqual(allVendors.map((v) => v.name));
    for (const vendor of vendors) {
      const { status } = await send(vendor);
      expect(Number(status), vendor).toBeGreaterThanOrEqual(200);
      expect(Number(status), vendor).toBeLessThan(300);
    }
    // The page reads the rule from the service worker's answer to a request to Pismo's own host.
    expect(await send('pismo')).toMatchObject({ status: '409', rule: 'pismo.bind.card-unbound' });
    await page.screenshot({ path: `${screenshots}demo-all.png`, fullPage: true });
  });

  it("shows Paysafe's documented re-assign error code", async () => {
    const again = await send('paysafe');
    expect(again.status).toBe('400');
    const code = (paysafeResponses.example('assignBulkCard', 400, 'ALREADY_ASSIGNED_CARD').body as { error: { code: string } }).error.code;
    expect(again.body).toContain(code);
    await page.screenshot({ path: `${screenshots}demo-paysafe.png`, fullPage: true });
  });

  it("answers the control API on the page's own origin through the service worker", async () => {
    const result = await page.evaluate(async () => {
      const state = await fetch('/__cardmock/pismo/state');
      const fault = await fetch('/__cardmock/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'paysafe', status: 503, times: 1 }) });
      const reset = await fetch('/__cardmock/reset', { method: 'POST' });
      return { state: state.status, stateType: state.headers.get('content-type'), cards: JSON.stringify(await state.json()).includes('7001'), fault: fault.status, reset: reset.status };
    });
    expect(result).toEqual({ state: 200, stateType: expect.stringContaining('application/json'), cards: true, fault: 201, reset: 200 });
  });
});

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;

describe.skipIf(!chromiumAvailable)('replay in the page: startCardmock({ replay }) in Chromium', () => {
  const demo = demoDuringSuite();
  let page: Page;
  beforeAll(async () => {
    page = await demo.open('replay.html');
  }, 60_000);

  const assign = (base: string, body: string) =>
    page.evaluate(
      async ([url, text]) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer paysafe-sandbox-token' }, body: text });
        return { status: response.status, replayed: response.headers.get('x-cardmock-replay'), rule: response.headers.get('x-cardmock-rule'), body: await response.text() };
      },
      [`${base}${recorded[0]!.request.url.replace('[REDACTED]', 'my-token')}`, body] as const,
    );

  it('answers the recorded request with its recorded answer, byte for byte', async () => {
    const answer = await assign(sandboxBaseUrl(paysafe), '{"targetCustomerId": "1233333323"}');
    expect(answer).toEqual({ status: 200, replayed: '1', rule: null, body: recorded[0]!.response.body });
  });

  it('lets anything else through to the stateful mock, and never replays the control API', async () => {
    const other = await assign(sandboxBaseUrl(paysafe), '{"targetCustomerId": "1230000001"}');
    expect(other).toMatchObject({ status: 200, replayed: null, rule: 'paysafe.assign.assigns-card' });
    const sessions = await page.evaluate(async () => {
      const response = await fetch('/__cardmock/sessions');
      return { status: response.status, replayed: response.headers.get('x-cardmock-replay') };
    });
    expect(sessions).toEqual({ status: 200, replayed: null });
  });

  it('checks recordings given as data before it starts a worker', async () => {
    const bad = [{ ...recorded[0]!, request: { ...recorded[0]!.request, url: 'http://evil.example/x' } }];
    // Sent as text: the page imports its own module as Vite serves it (vitest would rewrite an import() here).
    const refused = await page.evaluate(`import('/start-cardmock.ts').then(({ startCardmock }) =>
      startCardmock({ replay: ${JSON.stringify(bad)}, quiet: true }).then(() => 'started', (error) => error.message))`);
    expect(refused).toMatch(/recording 0: \/request\/url must match pattern/);
  });
});
