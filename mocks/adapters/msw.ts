/**
 * MSW handlers over the same app, for `setupServer` (Node) and `setupWorker` (browser). By
 * default each vendor is matched at the hosts its spec lists in `servers` (server variables match
 * any value), so a plain `fetch` to the vendor's sandbox URL is answered by the stateful mock; the
 * control API answers under `/__cardmock` at `controlBaseUrl`.
 * @see https://mswjs.io/docs/api/http
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { createEngine, type Engine } from '../core/engine.ts';
import type { EngineSettings, VendorModule } from '../core/vendor.ts';
import type { MockRequest, MockResponse } from '../core/types.ts';
import { createApp, type App, type AppOptions } from '../app/create-app.ts';
import { CONTROL_PREFIX } from '../control/control-api.ts';
import { allVendors } from '../vendors/index.ts';
import type { VendorName } from '../vendors/registry.ts';
import { baseUrlPattern, specBaseUrls } from './vendor-base-urls.ts';

export { baseUrlPattern, sandboxBaseUrl, specBaseUrls } from './vendor-base-urls.ts';

export interface HandlerOptions {
  /** Engine to answer with; a fresh one over `vendors` (default: cardmock's five) when omitted. */
  engine?: Engine;
  /** Vendor modules to serve, your own among them (see CONTRIBUTING.md, "Adding a vendor"). */
  vendors?: VendorModule[];
  /**
   * Base URLs per vendor, replacing the spec's servers (e.g. `{ paysafe: 'https://gateway.example/paysafe' }`).
   * A key that names no served vendor is refused (an Error), at compile time too for an unregistered name.
   */
  baseUrls?: Partial<Record<VendorName, string | string[]>>;
  settings?: Partial<EngineSettings>;
  /**
   * Where the control API answers, under `/__cardmock` (reset, fixtures, state, events, faults — as
   * over HTTP). Default in Node `http://cardmock.localhost`; `startCardmock` uses the page's origin.
   * `false`: no control API.
   */
  controlBaseUrl?: string | false;
  /**
   * Recordings of `cardmock proxy --record` (the JSON of each file, as data: in a browser there is
   * no folder to read), answered before the stateful mock; checked against the recording format at
   * once, and never answered under `/__cardmock`.
   */
  replay?: AppOptions['replay'];
}

/** Where the control API answers in Node by default: a `.localhost` name never reaches a network (RFC 6761). */
export const DEFAULT_CONTROL_BASE_URL = 'http://cardmock.localhost';

export function createHandlers(options: HandlerOptions = {}): HttpHandler[] {
  const engine = options.engine ?? createEngine({ vendors: options.vendors ?? allVendors, ...(options.settings ? { settings: options.settings } : {}) });
  const unserved = Object.keys(options.baseUrls ?? {}).filter((name) => !engine.vendor(name));
  if (unserved.length > 0) {
    // A misspelt key would otherwise leave the vendor at its spec hosts, silently.
    const served = engine.vendors.map((v) => v.name).join(', ');
    throw new Error(`cardmock createHandlers: baseUrls names no served vendor: ${unserved.map((n) => JSON.stringify(n)).join(', ')} (served: ${served})`);
  }
  // In-process: no network guard (the page or test is the only client), no dashboard.
  const app = createApp({ engine, ...(options.replay ? { replay: options.replay } : {}) });
  const vendorHandlers = engine.vendors.flatMap((vendor) => {
    const configured = options.baseUrls?.[vendor.name as VendorName];
    const bases = configured === undefined ? specBaseUrls(vendor) : [configured].flat();
    return bases.map((base) => answerBelow(app, baseUrlPattern(base), `/${vendor.name}`));
  });
  const controlBase = options.controlBaseUrl === undefined ? DEFAULT_CONTROL_BASE_URL : options.controlBaseUrl;
  return controlBase === false ? vendorHandlers : [answerBelow(app, baseUrlPattern(`${controlBase.replace(/\/$/, '')}${CONTROL_PREFIX}`), CONTROL_PREFIX), ...vendorHandlers];
}

/** A handler for everything below `pattern`, answered by the app at `prefix` + the rest of the path. */
function answerBelow(app: App, pattern: RegExp, prefix: string): HttpHandler {
  return http.all(pattern, async ({ request }) => {
    const url = new URL(request.url);
    const match = pattern.exec(`${url.origin}${url.pathname}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await request.text();
    const mockRequest: MockRequest = {
      method: request.method,
      path: `${prefix}${match?.[1] || (prefix === CONTROL_PREFIX ? '' : '/')}`,
      query: url.searchParams,
      headers,
      ...(text !== '' ? { body: text } : {}),
    };
    const response = await app.handle(mockRequest);
    return new HttpResponse(await payloadOf(response), { status: response.status, headers: response.headers });
  });
}

async function payloadOf(response: MockResponse): Promise<BodyInit | null> {
  if (response.raw !== undefined) return response.raw as BodyInit;
  if (response.stream) {
    let text = '';
    for await (const piece of response.stream()) text += piece;
    return text;
  }
  return response.body === undefined ? null : JSON.stringify(response.body);
}
