/**
 * The demo page (mocks/browser, served by Vite) in headless Chromium for one `describe` block:
 * started before its tests, closed after them even when they fail. `open(path)` loads a page of it
 * (in a context of its own) and waits until its mock runs in the page.
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';

export const screenshots = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));

export function demoDuringSuite(): { browser(): Browser; url(path?: string): string; open(path?: string): Promise<Page> } {
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    vite = await createServer({ configFile: fileURLToPath(new URL('../browser/vite.config.ts', import.meta.url)), server: { port: 0, host: '127.0.0.1' } });
    await vite.listen();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await vite?.close();
  });
  const running = () => {
    if (!vite || !browser) throw new Error('demoDuringSuite: not running (call it inside describe)');
    return { vite, browser };
  };
  return {
    browser: () => running().browser,
    url: (path = '') => new URL(path, running().vite.resolvedUrls!.local[0]!).href,
    async open(path = '') {
      const page = await running().browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(new URL(path, running().vite.resolvedUrls!.local[0]!).href);
      await page.locator('#worker', { hasText: 'mock running' }).waitFor({ timeout: 30_000 });
      return page;
    },
  };
}
