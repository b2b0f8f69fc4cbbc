/**
 * The transport-free mock server: routes `/<vendor>/...` to the vendor's operation, applies faults,
 * checks credentials and validates the request against the spec, then runs the domain operation on
 * the session's state. Adapters (Node HTTP, MSW) only translate to and from MockRequest/MockResponse.
 * The steps live in their own files: handle-vendor-request.ts (session, routing, log) and
 * run-operation.ts (faults, credentials, limits, the handler).
 */
import { systemClock } from './clock.ts';
import { createDelays } from './delays.ts';
import type { EngineContext } from './engine-context.ts';
import { handleVendorRequest } from './handle-vendor-request.ts';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';
import type { ClientPresence, Clock, MockRequest, MockResponse } from './types.ts';
import type { EngineSettings, VendorModule } from './vendor.ts';
import { vendorState } from './vendor-state.ts';
import { compileVendors } from './vendor-runtime.ts';

export interface EngineOptions {
  vendors: VendorModule[];
  clock?: Clock;
  settings?: Partial<EngineSettings>;
  /** Waits for fault delays; tests may replace it. */
  sleep?: (ms: number, client?: ClientPresence) => Promise<void>;
  /** Bounds on sessions and on what one session may hold; defaults in DEFAULT_SESSION_LIMITS. */
  limits?: Partial<SessionLimits>;
}

export interface Engine {
  readonly clock: Clock;
  readonly store: SessionStore;
  readonly settings: EngineSettings;
  readonly vendors: VendorModule[];
  readonly limits: SessionLimits;
  vendor(name: string): VendorModule | undefined;
  /** Handle a request whose path starts with `/<vendor>`. */
  handle(request: MockRequest): Promise<MockResponse>;
  /** Handle a request for one vendor, `path` relative to the vendor's base URL. */
  handleVendor(vendor: string, request: MockRequest): Promise<MockResponse>;
  /** The vendor state of a session, created with default fixtures on first use. */
  state<State = unknown>(sessionId: string, vendor: string): State;
  /** End every pending delay now (shutdown): the requests waiting on them are answered at once. */
  cancelDelays(): void;
}

export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const delays = createDelays();
  const limits: SessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const context: EngineContext = {
    clock,
    settings: { asyncDelayMs: 1_000, ...options.settings },
    limits,
    store: createSessionStore(clock, limits),
    sleep: options.sleep ?? delays.sleep,
    runtimes: compileVendors(options.vendors),
  };
  const handleVendor = (name: string, request: MockRequest) => handleVendorRequest(context, name, request);
  return {
    clock,
    store: context.store,
    settings: context.settings,
    limits,
    vendors: options.vendors,
    vendor: (name) => context.runtimes.get(name)?.module,
    handleVendor,
    handle(request) {
      const m = /^\/([^/]+)(\/.*)?$/.exec(request.path);
      if (!m) return handleVendor('', request);
      return handleVendor(m[1]!, { ...request, path: m[2] ?? '/' });
    },
    state: <State>(sessionId: string, vendor: string) => sessionVendorState(context, sessionId, vendor) as State,
    cancelDelays: delays.cancelAll,
  };
}

/** A vendor's state in a session, outside any request (control API, tests): due transitions run first. */
function sessionVendorState(context: EngineContext, sessionId: string, vendor: string): unknown {
  const module = context.runtimes.get(vendor)?.module;
  if (!module) throw new Error(`unknown vendor ${vendor}`);
  const session = context.store.enter(sessionId);
  try {
    context.store.settle(session);
    return vendorState(session, module);
  } finally {
    context.store.leave(session);
  }
}
