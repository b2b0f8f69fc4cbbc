/**
 * cardmock in a page: MSW's service worker answers `fetch` calls to the vendors' real hosts with the
 * stateful mocks, in the page's own session, and with recorded answers first when given recordings
 * (`replay`: the JSON of `cardmock proxy --record`'s files, as data; replay.html). Copy
 * `mockServiceWorker.js` (`npx msw init public/`) to your app's public folder. For development,
 * `preset` puts vendors of the page's session in named states, and `panel` shows the session in
 * the page (panel.ts).
 * @see https://mswjs.io/docs/integrations/browser
 */
import type { HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createEngine } from '../core/engine.ts';
import type { Engine } from '../vendors/registry.ts';
import { createHandlers, type HandlerOptions } from '../adapters/msw.ts';
import { CONTROL_PREFIX } from '../control/control-api.ts';
import { applyPresets } from '../control/presets.ts';
import { allVendors } from '../vendors/index.ts';
import { mountPanel, PANEL_HEADER, type Panel } from './panel.ts';

export interface BrowserOptions extends HandlerOptions {
  /** Where the worker script is served; default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** No MSW console messages. */
  quiet?: boolean;
  /**
   * Presets to apply to the page's session (`default`) before the first request, by id
   * (`GET /__cardmock/presets` lists them): e.g. `'paysafe.only-card-assigned'`. An unknown one
   * is an error, thrown before the worker starts.
   */
  preset?: string | string[];
  /**
   * A panel in the page showing the session (requests with the rule that answered each, state,
   * events, fault rules) and switching presets, over the control API. Off by default: a
   * development aid, not for a build you ship. Needs the control API (`controlBaseUrl` not false).
   */
  panel?: boolean;
}

export interface RunningCardmock {
  worker: SetupWorker;
  engine: Engine;
  /** The panel, when `panel` was asked for. */
  panel?: Panel;
  /** Stops the worker and removes the panel. */
  stop(): void;
}

export async function startCardmock(options: BrowserOptions = {}): Promise<RunningCardmock> {
  const engine = options.engine ?? createEngine({ vendors: allVendors, ...(options.settings ? { settings: options.settings } : {}) });
  // The control API answers on the page's own origin, under /__cardmock, unless told otherwise.
  const controlBaseUrl = options.controlBaseUrl ?? location.origin;
  if (options.panel && controlBaseUrl === false) throw new Error('startCardmock: the panel needs the control API (controlBaseUrl is false)');
  applyPresets(engine, [options.preset ?? []].flat());
  const handlers = createHandlers({ ...options, controlBaseUrl, engine });
  if (options.panel) quietPanelCalls(handlers);
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: options.quiet ?? false,
  });
  const panel = options.panel && controlBaseUrl !== false ? mountWorkerPanel(worker, engine, controlBaseUrl) : undefined;
  return {
    worker,
    engine,
    ...(panel ? { panel } : {}),
    stop: () => {
      panel?.close();
      worker.stop();
    },
  };
}

/** The panel's own control calls stay out of MSW's console log, which is the page's. */
function quietPanelCalls(handlers: HttpHandler[]): void {
  for (const handler of handlers) {
    const log = handler.log.bind(handler);
    handler.log = async (args) => (args.request.headers.has(PANEL_HEADER) ? undefined : log(args));
  }
}

function mountWorkerPanel(worker: SetupWorker, engine: Engine, controlBaseUrl: string): Panel {
  return mountPanel({
    controlUrl: `${controlBaseUrl.replace(/\/$/, '')}${CONTROL_PREFIX}`,
    settleMs: engine.settings.asyncDelayMs,
    onPageAnswer(listener) {
      const answered = ({ request }: { request: Request }) => listener(request);
      worker.events.on('response:mocked', answered);
      return () => worker.events.removeListener('response:mocked', answered);
    },
  });
}
