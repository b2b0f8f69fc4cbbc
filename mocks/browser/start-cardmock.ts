/**
 * cardmock in a page: MSW's service worker answers `fetch` calls to the vendors' real hosts with the
 * stateful mocks, in the page's own session, and with recorded answers first when given recordings
 * (`replay`: the JSON of `cardmock proxy --record`'s files, as data; replay.html). Copy
 * `mockServiceWorker.js` (`npx msw init public/`) to your app's public folder.
 * @see https://mswjs.io/docs/integrations/browser
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createEngine } from '../core/engine.ts';
import type { Engine } from '../vendors/registry.ts';
import { createHandlers, type HandlerOptions } from '../adapters/msw.ts';
import { allVendors } from '../vendors/index.ts';

export interface BrowserOptions extends HandlerOptions {
  /** Where the worker script is served; default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** No MSW console messages. */
  quiet?: boolean;
}

export interface RunningCardmock {
  worker: SetupWorker;
  engine: Engine;
  stop(): void;
}

export async function startCardmock(options: BrowserOptions = {}): Promise<RunningCardmock> {
  const engine = options.engine ?? createEngine({ vendors: allVendors, ...(options.settings ? { settings: options.settings } : {}) });
  // The control API answers on the page's own origin, under /__cardmock, unless told otherwise.
  const worker = setupWorker(...createHandlers({ controlBaseUrl: location.origin, ...options, engine }));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: options.quiet ?? false,
  });
  return { worker, engine, stop: () => worker.stop() };
}
