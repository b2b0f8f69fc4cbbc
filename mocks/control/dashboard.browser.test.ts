import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describeSource } from '../../specs/lib/rules.ts';
import { createEngine } from '../core/engine.ts';
import { concreteCall, sampleCall } from '../core/sample-call.ts';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { allVendors } from '../vendors/index.ts';
import { ASSIGN, paysafeResponses } from '../vendors/paysafe/answers.ts';
import { ONLY_CARD } from '../vendors/paysafe/presets.ts';
import { chromiumAvailable, launchChromium } from '../testing/chromium.ts';

const screenshots = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));
const vendor = (name: string) => allVendors.find((v) => v.name === name)!;

describe.skipIf(!chromiumAvailable)('dashboard at /__cardmock/ in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const send = (name: string, operationId: string) => {
    const call = sampleCall(vendor(name), operationId);
    return fetch(`${server.url}/${name}${call.path}`, { method: call.method, headers: call.headers, ...(call.body ? { body: call.body } : {}) });
  };

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    server = await startServer({ engine: createEngine({ vendors: allVendors, settings: { asyncDelayMs: 300 } }), port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/__cardmock/?vendor=pismo`);
    await page.locator('#status', { hasText: 'updated' }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the bound card turn CREATED and the cards/bind_card event appear', async () => {
    expect((await send('pismo', 'post-v2-card-bind')).status).toBe(202);
    const status = page.locator('#entities tr', { has: page.locator('td[data-col="cardId"]', { hasText: /^7001$/ }) }).locator('td[data-col="status"]');
    await expect.poll(() => status.textContent(), { timeout: 5_000 }).toBe('CREATED');
    await page.locator('#events td[data-col="type"]', { hasText: 'cards/bind_card' }).waitFor({ timeout: 5_000 });
    await page.locator('#requests td[data-col="status"]', { hasText: '202' }).first().waitFor();
    await page.screenshot({ path: `${screenshots}dashboard-pismo.png`, fullPage: true });
  });

  it('shows for each request the rule that answered it, with its sentence and source: why the mock said 409', async () => {
    await page.locator('#vendors button[data-vendor="pismo"]').click();
    expect((await send('pismo', 'post-v2-card-bind')).status).toBe(409);
    const rule = vendor('pismo').responses.operation('post-v2-card-bind').rules.find((r) => r.id === 'pismo.bind.card-unbound')!;
    const row = page.locator('#requests tr', { has: page.locator('td[data-col="status"]', { hasText: /^409$/ }) }).first();
    const cell = row.locator('td[data-col="rule"]');
    await expect.poll(() => cell.locator('code').textContent(), { timeout: 5_000 }).toBe(rule.id);
    expect(await cell.locator('.why').textContent()).toBe(rule.rule);
    expect(await cell.locator('.source').textContent()).toBe(`${describeSource(rule.source)} (${rule.provenance})`);
    await page.screenshot({ path: `${screenshots}dashboard-rule.png`, fullPage: true });
  });

  it('refuses to be framed by another page (clickjacking)', async () => {
    const framing = await browser.newPage();
    try {
      await framing.setContent(`<iframe id="victim" src="${server.url}/__cardmock/"></iframe>`);
      const frame = await (await framing.locator('#victim').elementHandle())!.contentFrame();
      // A frame refused by frame-ancestors shows Chromium's error page, never the dashboard.
      await expect.poll(() => frame!.url(), { timeout: 5_000 }).toMatch(/^chrome-error:/);
      expect(await frame!.locator('#inject-fault').count()).toBe(0);
    } finally {
      await framing.close();
    }
  });

  it('writes whatever the control API says as text, never as markup', async () => {
    // A control API that answers markup where names and statuses go (a vendor module's name once
    // navigated the page away): each value shows as text, and nothing it carries runs or loads.
    const markup = '<img src=x id=injected><meta http-equiv="refresh" content="0;url=about:blank">';
    const hostile = await browser.newPage();
    try {
      await hostile.route('**/__cardmock/vendors', (route) =>
        route.fulfill({ contentType: 'application/json', body: JSON.stringify({ vendors: [{ name: markup, operations: [{ operationId: markup, statuses: [markup] }] }] }) }),
      );
      await hostile.route('**/__cardmock/sessions', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ sessions: [markup] }) }));
      await hostile.route('**/__cardmock/presets', (route) =>
        route.fulfill({ contentType: 'application/json', body: JSON.stringify({ presets: [{ id: markup, vendor: markup, title: markup, description: markup }] }) }),
      );
      await hostile.goto(`${server.url}/__cardmock/`);
      await hostile.locator('#status').filter({ hasText: /updated|error/ }).waitFor();
      expect(await hostile.locator('#injected').count()).toBe(0);
      expect(await hostile.locator('#vendors button').textContent()).toBe(markup);
      expect(await hostile.locator('#fault-status option').nth(1).textContent()).toBe(markup);
      expect([await hostile.locator('#preset option').textContent(), await hostile.locator('#preset-description').textContent()]).toEqual([markup, markup]);
      expect(hostile.url()).toBe(`${server.url}/__cardmock/`);
    } finally {
      await hostile.close();
    }
  });

  it('injects a 503 from the dashboard; the next call returns it', async () => {
    await page.locator('#vendors button[data-vendor="paysafe"]').click();
    await page.locator('#fault-operation').selectOption('assignBulkCard');
    await page.locator('#fault-status').selectOption('503');
    await page.locator('#fault-times').fill('1');
    await page.locator('#inject-fault').click();
    await page.locator('#faults td[data-col="status"]', { hasText: '503' }).waitFor();
    await page.screenshot({ path: `${screenshots}dashboard-fault.png`, fullPage: true });
    expect((await send('paysafe', 'assignBulkCard')).status).toBe(503);
    expect((await send('paysafe', 'assignBulkCard')).status).toBe(200);
  });

  it("applies a preset from the dashboard: Paysafe's next assignment of the preset's card is refused as assigned already", async () => {
    const preset = vendor('paysafe').presets!.find((p) => p.id === 'paysafe.only-card-assigned')!;
    await page.locator('#vendors button[data-vendor="paysafe"]').click();
    await page.locator('#preset').selectOption(preset.id);
    expect(await page.locator('#preset-description').textContent()).toBe(preset.description);
    await page.locator('#apply-preset').click();
    await page.locator('#entities td[data-col="cardId"]', { hasText: ONLY_CARD.cardId }).waitFor({ timeout: 5_000 });
    await page.screenshot({ path: `${screenshots}dashboard-preset.png`, fullPage: true });
    const paysafe = vendor('paysafe');
    const call = concreteCall(paysafe, ASSIGN, { ...paysafe.samples.requests[ASSIGN]!, path: { customerId: ONLY_CARD.customerId, cardId: ONLY_CARD.cardId } });
    const response = await fetch(`${server.url}/paysafe${call.path}`, { method: call.method, headers: call.headers, body: call.body! });
    expect([response.status, response.headers.get('x-cardmock-rule'), await response.json()]).toEqual([400, 'paysafe.assign.not-reassigned', paysafeResponses.example(ASSIGN, 400, 'ALREADY_ASSIGNED_CARD').body]);
  });
});
