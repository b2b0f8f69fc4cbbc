/**
 * One transport-free app: `handle(request)` answers every path — the vendors' operations (or their
 * recorded answers, when it replays recordings), the control API, the dashboard, the index at `/`,
 * and cardmock's own errors. The Node server and the MSW handlers only translate requests and
 * responses to and from it.
 */
import { cardmockError } from '../core/cardmock-error.ts';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import type { VendorModule } from '../core/vendor.ts';
import { allVendors } from '../vendors/index.ts';
import type { MockRequest, MockResponse } from '../core/types.ts';
import { CONTROL_PREFIX, createControlApi } from '../control/control-api.ts';
import type { RecordedExchange } from '../replay/recording.ts';
import { replayOf } from '../replay/replay-answer.ts';

/** Why a request for the control API or the dashboard is refused, if it is (a transport's guard). */
export type Guard = (request: MockRequest, what: 'control' | 'dashboard') => { status: number; code: string; message: string } | undefined;

export interface AppOptions {
  /** The engine to answer with; or one made from `vendors` (default: cardmock's five), `settings` and `limits`. */
  engine?: Engine;
  vendors?: VendorModule[];
  settings?: EngineOptions['settings'];
  limits?: EngineOptions['limits'];
  /**
   * false: behave like a vendor's sandbox — no control API, dashboard or index, and x-cardmock-*
   * request headers (session, fault, delay) are ignored, so every client shares one state.
   */
  control?: boolean;
  /** Who may use the control API (a network transport's Host, loopback and token rules); everyone when omitted. */
  guard?: Guard;
  /** Told about a programmer error in a mock, which is answered 500 without its details. */
  onError?: (error: unknown, request: MockRequest) => void;
  /** The dashboard page, where the transport can serve one. */
  dashboard?: { headers: Record<string, string | number>; body: string | Uint8Array };
  /**
   * Recordings of `cardmock proxy --record` (the JSON of each file), answered before the mock: a
   * recorded vendor request gets its recorded answer, anything else falls through. Checked against
   * the recording format and the vendors served at once (an Error names every problem); never
   * answered under `/__cardmock`.
   */
  replay?: readonly RecordedExchange[];
}

export interface App {
  readonly engine: Engine;
  handle(request: MockRequest): Promise<MockResponse>;
}

/** The request headers that reach cardmock's own machinery rather than a vendor's. */
const CARDMOCK_HEADERS = /^x-cardmock-/;

export function createApp(options: AppOptions): App {
  const { guard, dashboard } = options;
  const engine =
    options.engine ??
    createEngine({ vendors: options.vendors ?? allVendors, ...(options.settings ? { settings: options.settings } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  const hidden = options.control === false;
  const control = createControlApi(engine);
  const replay = options.replay ? replayOf(options.replay, engine.vendors.map((v) => v.name)) : undefined;
  // A vendor request: its recorded answer, if replay has one, else the stateful mock's.
  const vendor = (request: MockRequest) => replay?.answer(request) ?? engine.handle(request);

  async function route(request: MockRequest): Promise<MockResponse> {
    if (hidden) return vendor({ ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !CARDMOCK_HEADERS.test(name))) });
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (read && (request.path === CONTROL_PREFIX || request.path === `${CONTROL_PREFIX}/`)) {
      const refused = guard?.(request, 'dashboard');
      if (refused) return cardmockError(refused.status, refused.code, refused.message);
      if (request.path === CONTROL_PREFIX) return { status: 301, headers: { location: `${CONTROL_PREFIX}/` } };
      if (!dashboard) return cardmockError(404, 'NOT_FOUND', 'this transport serves no dashboard; the control API answers under /__cardmock/');
      return { status: 200, headers: Object.fromEntries(Object.entries(dashboard.headers).map(([k, v]) => [k, String(v)])), raw: dashboard.body };
    }
    if (request.method === 'GET' && request.path === '/') {
      // A person opening the server root in a browser: point at the dashboard and the vendors.
      const vendors = Object.fromEntries(engine.vendors.map((v) => [v.name, `/${v.name}`]));
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { name: 'cardmock', dashboard: `${CONTROL_PREFIX}/`, controlApi: CONTROL_PREFIX, vendors } };
    }
    if (request.path.startsWith(`${CONTROL_PREFIX}/`)) {
      const refused = guard?.(request, 'control');
      return refused ? cardmockError(refused.status, refused.code, refused.message) : control.handle(request);
    }
    return vendor(request);
  }

  return {
    engine,
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        // A programmer error in a mock: answered without leaking a stack trace, and reported.
        options.onError?.(error, request);
        return cardmockError(500, 'CARDMOCK_INTERNAL', 'cardmock failed to answer this request');
      }
    },
  };
}
