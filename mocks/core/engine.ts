/**
 * The transport-free mock server: routes `/<vendor>/...` to the vendor, whose request takes the
 * steps of vendor-request.ts (session, route, fault, credentials, vendor authentication, limits,
 * validation, operation, documented-status guard, log) on the session's state. Adapters (Node
 * HTTP, MSW) only translate to and from MockRequest/MockResponse.
 */
import { systemClock } from './clock.ts';
import { createDelays } from './request/fault-delays.ts';
import { presetProblem } from './presets.ts';
import { compileRouter } from './request/router.ts';
import { cardmockError } from './cardmock-error.ts';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session/session-limits.ts';
import { createSessionStore, type SessionStore } from './session/session-store.ts';
import { vendorState } from './session/session.ts';
import type { ClientPresence, Clock, MockRequest, MockResponse } from './types.ts';
import { vendorNameProblem, type EngineSettings, type VendorModule } from './vendor.ts';
import { answerVendorRequest, type EngineContext, type VendorRuntime } from './vendor-request.ts';

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
  };
  const runtimes = new Map(options.vendors.map((module) => [module.name, compileVendor(module)]));
  const handleVendor = (name: string, request: MockRequest) => {
    const runtime = runtimes.get(name);
    if (!runtime) return Promise.resolve(cardmockError(404, 'UNKNOWN_VENDOR', `No vendor "${name}". Vendors: ${[...runtimes.keys()].join(', ')}`));
    return answerVendorRequest(context, runtime, request);
  };
  return {
    clock,
    store: context.store,
    settings: context.settings,
    limits,
    vendors: options.vendors,
    vendor: (name) => runtimes.get(name)?.module,
    handleVendor,
    handle(request) {
      const m = /^\/([^/]+)(\/.*)?$/.exec(request.path);
      if (!m) return handleVendor('', request);
      return handleVendor(m[1]!, { ...request, path: m[2] ?? '/' });
    },
    state: <State>(sessionId: string, vendor: string) => sessionVendorState(context, runtimes.get(vendor)?.module, sessionId, vendor) as State,
    cancelDelays: delays.cancelAll,
  };
}

/** The vendor with its spec's operations compiled once, at start-up; throws (a programmer error) when it lacks a handler for one or declares a preset it cannot serve. */
function compileVendor(module: VendorModule): VendorRuntime {
  const badName = vendorNameProblem(module.name);
  if (badName) throw new Error(badName);
  for (const op of module.responses.operations) {
    if (!module.operations[op.operationId]) throw new Error(`${module.name}: no handler for ${op.operationId}`);
  }
  const badPreset = presetProblem(module);
  if (badPreset) throw new Error(badPreset);
  return { module, operations: compileRouter(module.document, module.name, module.responses.operations) };
}

/** A vendor's state in a session, outside any request (control API, tests): due transitions run first. */
function sessionVendorState(context: EngineContext, module: VendorModule | undefined, sessionId: string, vendor: string): unknown {
  if (!module) throw new Error(`unknown vendor ${vendor}`);
  const session = context.store.enter(sessionId);
  try {
    context.store.settle(session);
    return vendorState(session, module);
  } finally {
    context.store.leave(session);
  }
}
