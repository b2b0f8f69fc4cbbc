import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../testing/chromium.ts';
import { paysafeResponses } from '../vendors/paysafe/answers.ts';
import { allVendors } from '../vendors/index.ts';

const screenshots = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));

describe.skipIf(!chromiumAvailable)('demo page: MSW service worker in Chromium', () => {
  let vite: ViteDevServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    vite = await createServer({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), server: { port: 0, host: '127.0.0.1' } });
    await vite.listen();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(vite.resolvedUrls!.local[0]!);
    await page.locator('#worker', { hasText: 'mock running' }).waitFor({ timeout: 30_000 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await vite?.close();
  });

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
