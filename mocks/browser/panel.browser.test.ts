/**
 * The panel in the page (startCardmock({ panel: true }) on the demo page) and presets applied in
 * the page, in Chromium: everything the panel shows comes from the control API through MSW in the
 * page; presets change what the page's next fetch gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sandboxBaseUrl } from '../adapters/msw.ts';
import { concreteCall } from '../core/sample-call.ts';
import { chromiumAvailable } from '../testing/chromium.ts';
import { demoDuringSuite, screenshots } from '../testing/demo-page.ts';
import { allVendors } from '../vendors/index.ts';
import { ASSIGN, paysafeResponses } from '../vendors/paysafe/answers.ts';
import { ONLY_CARD } from '../vendors/paysafe/presets.ts';

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
const pismo = allVendors.find((v) => v.name === 'pismo')!;
const onlyCardAssigned = paysafe.presets!.find((p) => p.id === 'paysafe.only-card-assigned')!;
const alreadyAssigned = paysafeResponses.example(ASSIGN, 400, 'ALREADY_ASSIGNED_CARD').body;

/** A fetch in the page: Paysafe's assignment of the preset's card, at Paysafe's own host. */
function assignOnlyCard(page: Page) {
  const call = concreteCall(paysafe, ASSIGN, { ...paysafe.samples.requests[ASSIGN]!, path: { customerId: ONLY_CARD.customerId, cardId: ONLY_CARD.cardId } });
  return page.evaluate(
    async ([url, init]) => {
      const response = await fetch(url, init);
      return { status: response.status, rule: response.headers.get('x-cardmock-rule'), body: await response.json() };
    },
    [`${sandboxBaseUrl(paysafe)}${call.path}`, { method: call.method, headers: call.headers, body: call.body! }] as const,
  );
}

describe.skipIf(!chromiumAvailable)('the panel in the page: startCardmock({ panel: true }) in Chromium', () => {
  const demo = demoDuringSuite();
  let page: Page;
  beforeAll(async () => {
    page = await demo.open();
    await page.locator('cardmock-panel .status', { hasText: 'updated' }).waitFor();
  }, 60_000);

  it("mounts as one element with a shadow root, adding no style to the page, and the page's styles cannot hide it", async () => {
    const mounted = await page.evaluate(() => ({
      host: document.body.lastElementChild?.tagName,
      shadow: document.querySelector('cardmock-panel')?.shadowRoot !== null,
      // The page's own style sheets only: the demo's one <style>.
      sheets: [...document.styleSheets].map((s) => s.ownerNode?.nodeName),
      adopted: document.adoptedStyleSheets.length,
    }));
    expect(mounted).toEqual({ host: 'CARDMOCK-PANEL', shadow: true, sheets: ['STYLE'], adopted: 0 });
    const hostile = await page.addStyleTag({ content: 'button, select, summary, li, section { display: none !important; } * { color: red !important; }' });
    try {
      expect(await page.locator('cardmock-panel button', { hasText: 'Apply' }).isVisible()).toBe(true);
      expect(await page.locator('cardmock-panel summary').first().evaluate((e) => getComputedStyle(e).color)).not.toBe('rgb(255, 0, 0)');
    } finally {
      await hostile.evaluate((style) => (style as HTMLElement).remove());
    }
  });

  it("shows a request of the page with the rule that answered it, its id and its sentence, and keeps its own calls out of MSW's console log", async () => {
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    const box = page.locator('.op[data-vendor="pismo"]');
    await box.locator('button').click();
    await box.locator('.rule', { hasText: /\S/ }).waitFor();
    const id = await box.locator('.rule').textContent();
    const rule = pismo.responses.operations.flatMap((op) => op.rules).find((r) => r.id === id)!;
    const item = page.locator('cardmock-panel .requests li').first();
    await expect.poll(() => item.locator('code.rule').textContent(), { timeout: 5_000 }).toBe(rule.id);
    expect(await item.locator('.why').textContent()).toBe(rule.rule);
    expect(logged.filter((line) => line.includes('[MSW]')).map((line) => line.includes('/__cardmock'))).toEqual([false]);
    await page.screenshot({ path: `${screenshots}panel-rule.png` });
  });

  it('applies a preset from the panel: the next fetch of the page gets its answer, and the default fixtures undo it', async () => {
    const panel = page.locator('cardmock-panel');
    await panel.locator('select[aria-label="vendor"]').selectOption('paysafe');
    await panel.locator('select[aria-label="preset"]').selectOption(onlyCardAssigned.id);
    expect(await panel.locator('.hint').textContent()).toBe(onlyCardAssigned.description);
    await panel.locator('button', { hasText: 'Apply' }).click();
    await panel.locator('.status', { hasText: `applied ${onlyCardAssigned.id}` }).waitFor();
    expect(await assignOnlyCard(page)).toEqual({ status: 400, rule: 'paysafe.assign.not-reassigned', body: alreadyAssigned });
    await page.screenshot({ path: `${screenshots}panel-preset.png` });
    await panel.locator('select[aria-label="preset"]').selectOption('');
    await panel.locator('button', { hasText: 'Apply' }).click();
    await panel.locator('.status', { hasText: "applied paysafe's default fixtures" }).waitFor();
    expect((await assignOnlyCard(page)).rule).toBe('paysafe.assign.customer-exists');
  });

  it('writes whatever the control API says as text, never as markup', async () => {
    const markup = '<img src=x id=injected onerror="document.title=1">';
    const added = await page.evaluate(
      (customerId) => fetch('/__cardmock/paysafe/fixtures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customers: [{ customerId }] }) }).then((r) => r.status),
      markup,
    );
    expect(added).toBe(200);
    const panel = page.locator('cardmock-panel');
    await panel.locator('summary', { hasText: 'State' }).click();
    await panel.locator('button', { hasText: '▾' }).click();
    await panel.locator('button', { hasText: '▴' }).click();
    await expect.poll(() => panel.locator('td[data-col="customerId"]', { hasText: markup }).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.locator('#injected').count()).toBe(0);
  });

  it('is reached by Tab after the page, minimised by Escape, and closed, leaving the page working', async () => {
    await page.locator('.op button').last().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label')])).toEqual(['CARDMOCK-PANEL', 'session']);
    await page.keyboard.press('Escape');
    const minimise = page.locator('cardmock-panel button[aria-label="Minimise the cardmock panel"]');
    expect([await minimise.getAttribute('aria-expanded'), await page.locator('cardmock-panel .body').isVisible()]).toEqual(['false', false]);
    expect(await page.evaluate(() => document.querySelector('cardmock-panel')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Minimise the cardmock panel');
    await page.keyboard.press('Enter');
    expect(await page.locator('cardmock-panel .body').isVisible()).toBe(true);
    await page.locator('cardmock-panel button[aria-label="Close the cardmock panel"]').click();
    expect(await page.locator('cardmock-panel').count()).toBe(0);
    expect((await assignOnlyCard(page)).status).toBe(404);
  });
});

describe.skipIf(!chromiumAvailable)('presets in the page: startCardmock({ preset }) in Chromium', () => {
  const demo = demoDuringSuite();

  it("starts with the preset applied: the page's first fetch gets its answer", async () => {
    const page = await demo.open(`?preset=${onlyCardAssigned.id}`);
    expect(await assignOnlyCard(page)).toEqual({ status: 400, rule: 'paysafe.assign.not-reassigned', body: alreadyAssigned });
    await page.close();
  });

  it('refuses a preset it does not have, saying which it has, before the worker starts', async () => {
    const page = await demo.browser().newPage();
    await page.goto(demo.url('?preset=paysafe.no-such-preset'));
    await page.locator('#worker', { hasText: 'preset' }).waitFor();
    expect(await page.locator('#worker').textContent()).toBe(`preset paysafe.no-such-preset: paysafe has no preset paysafe.no-such-preset (presets: ${paysafe.presets!.map((p) => p.id).join(', ')})`);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBe(null);
    await page.close();
  });
});
