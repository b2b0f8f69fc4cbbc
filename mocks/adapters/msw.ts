/**
 * MSW handlers over the same engine, for `setupServer` (Node) and `setupWorker` (browser). By
 * default each vendor is matched at the hosts its spec lists in `servers` (server variables match
 * any value), so a plain `fetch` to the vendor's sandbox URL is answered by the stateful mock.
 * @see https://mswjs.io/docs/api/http
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { createEngine, type Engine } from '../core/engine.ts';
import type { EngineSettings, VendorModule } from '../core/vendor.ts';
import type { MockRequest } from '../core/types.ts';
import { allVendors } from '../vendors/index.ts';

export interface HandlerOptions {
  /** Engine to answer with; a fresh one over all vendors when omitted. */
  engine?: Engine;
  /** Base URLs per vendor, replacing the spec's servers (e.g. `{ paysafe: 'https://api.test.paysafe.com/digitalwallets/v2' }`). */
  baseUrls?: Partial<Record<string, string | string[]>>;
  settings?: Partial<EngineSettings>;
}

/** The base URLs of a vendor's spec, minus cardmock's own local server. */
export function specBaseUrls(vendor: VendorModule): string[] {
  return (vendor.document.servers ?? [])
    .map((s) => s.url)
    .filter((url) => !/^http:\/\/127\.0\.0\.1:4010\//.test(url));
}

/** A RegExp matching `base` and everything below it; `{variables}` match any host label or segment. */
export function baseUrlPattern(base: string): RegExp {
  const escaped = base
    .replace(/\/$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/?#]+?' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}(/[^?#]*)?$`);
}

export function createHandlers(options: HandlerOptions = {}): HttpHandler[] {
  const engine = options.engine ?? createEngine({ vendors: allVendors, ...(options.settings ? { settings: options.settings } : {}) });
  return engine.vendors.flatMap((vendor) => {
    const configured = options.baseUrls?.[vendor.name];
    const bases = configured === undefined ? specBaseUrls(vendor) : [configured].flat();
    return bases.map((base) => {
      const pattern = baseUrlPattern(base);
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
          path: match?.[1] || '/',
          query: url.searchParams,
          headers,
          ...(text !== '' ? { body: text } : {}),
        };
        const response = await engine.handleVendor(vendor.name, mockRequest);
        return new HttpResponse(response.body === undefined ? null : JSON.stringify(response.body), {
          status: response.status,
          headers: response.headers,
        });
      });
    });
  });
}
