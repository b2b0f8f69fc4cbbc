/**
 * The transport-free mock server: routes `/<vendor>/...` to the vendor's operation, applies faults,
 * checks credentials and validates the request against the spec, then runs the domain operation on
 * the session's state. Adapters (Node HTTP, MSW) only translate to and from MockRequest/MockResponse.
 */
import { cardmockError } from './cardmock-error.ts';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { systemClock } from './clock.ts';
import { compileOperation, type CompiledOperation, type RequestProblem } from './compile-operation.ts';
import { readCredentials, type Credentials } from './credentials.ts';
import { createDelays } from './delays.ts';
import { faultFromHeaders, takeFault, type Fault } from './faults.ts';
import { countEntities, DEFAULT_SESSION_LIMITS, jsonDepth, limitMessage, type SessionLimits } from './session-limits.ts';
import { sessionName } from './session-name.ts';
import { createSessionStore, type Session, type SessionStore } from './session-store.ts';
import { SESSION_HEADER, json, type ClientPresence, type Clock, type MockRequest, type MockResponse } from './types.ts';
import type { EngineSettings, VendorModule } from './vendor.ts';

export interface EngineOptions {
  vendors: VendorModule[];
  clock?: Clock;
  settings?: Partial<EngineSettings>;
  /** Waits for fault delays; tests may replace it. */
  sleep?: (ms: number, client?: ClientPresence) => Promise<void>;
  /** Bounds on sessions and on what one session may hold; defaults in DEFAULT_SESSION_LIMITS. */
  limits?: Partial<SessionLimits>;
}

interface VendorRuntime {
  module: VendorModule;
  operations: CompiledOperation[];
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
  const settings: EngineSettings = { asyncDelayMs: 1_000, ...options.settings };
  const delays = createDelays();
  const sleep = options.sleep ?? delays.sleep;
  const limits: SessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const store = createSessionStore(clock, limits);

  const runtimes = new Map<string, VendorRuntime>();
  for (const module of options.vendors) {
    const params = createSchemaRegistry(module.document, module.name, { coerceTypes: true });
    // verbose: a failing rule's parentSchema may name the documented answer (x-cardmock-answer).
    const bodies = createSchemaRegistry(module.document, module.name, { verbose: true });
    runtimes.set(module.name, {
      module,
      operations: module.responses.operations.map((op) => compileOperation(op, params, bodies)),
    });
    for (const op of module.responses.operations) {
      if (!module.operations[op.operationId]) throw new Error(`${module.name}: no handler for ${op.operationId}`);
    }
  }

  const stateOf = (session: Session, vendor: VendorModule): unknown => {
    let state = session.states.get(vendor.name);
    if (state === undefined) {
      state = vendor.createState();
      session.states.set(vendor.name, state);
    }
    return state;
  };

  const unknownVendor = (name: string) =>
    cardmockError(404, 'UNKNOWN_VENDOR', `No vendor "${name}". Vendors: ${[...runtimes.keys()].join(', ')}`);

  async function handleVendor(name: string, request: MockRequest): Promise<MockResponse> {
    const started = performance.now();
    const runtime = runtimes.get(name);
    if (!runtime) return unknownVendor(name);
    const named = sessionName(request.headers);
    if (!named.ok) return runtime.module.reject('invalid', [{ in: 'header', field: SESSION_HEADER, message: named.message }]);
    const session = store.enter(named.id);
    try {
      store.settle(session);
      let operationId: string | undefined;
      let response: MockResponse;
      const routed = route(runtime, request);
      if ('response' in routed) {
        response = routed.response;
      } else {
        operationId = routed.operation.spec.operationId;
        response = await run(runtime, routed.operation, routed.params, request, session);
      }
      // Says which session answered; also lets a proxy's own answers be told from ours.
      response = { ...response, headers: { ...response.headers, [SESSION_HEADER]: session.id } };
      store.logRequest(session, {
        at: clock.now(),
        method: request.method,
        path: request.path,
        status: response.status,
        ms: Math.round((performance.now() - started) * 100) / 100,
        vendor: name,
        ...(operationId ? { operationId } : {}),
      });
      return response;
    } finally {
      store.leave(session);
    }
  }

  function route(
    runtime: VendorRuntime,
    request: MockRequest,
  ): { operation: CompiledOperation; params: Record<string, string> } | { response: MockResponse } {
    const allowed: string[] = [];
    for (const operation of runtime.operations) {
      const params = operation.match(request.path);
      if (!params) continue;
      if (operation.spec.method === request.method.toLowerCase()) return { operation, params };
      allowed.push(operation.spec.method.toUpperCase());
    }
    const problem: RequestProblem = allowed.length
      ? { in: 'path', field: '', message: `${request.method} is not allowed on ${request.path}; allowed: ${allowed.join(', ')}` }
      : { in: 'path', field: '', message: `no operation at ${request.method} ${request.path}` };
    if (allowed.length === 0) return { response: runtime.module.reject('not-found', [problem]) };
    // The vendors document no 405; cardmock answers it at the routing level, in the vendor's envelope.
    const response = runtime.module.reject('method-not-allowed', [problem]);
    return { response: { ...response, status: 405, headers: { ...response.headers, allow: allowed.join(', ') } } };
  }

  async function run(
    runtime: VendorRuntime,
    operation: CompiledOperation,
    rawParams: Record<string, string>,
    request: MockRequest,
    session: Session,
  ): Promise<MockResponse> {
    const { module } = runtime;
    const operationId = operation.spec.operationId;
    const statuses = module.responses.statuses(operationId);

    const fromHeaders = faultFromHeaders(request, statuses);
    if (!fromHeaders.ok) {
      return module.reject('invalid', [{ in: 'header', field: fromHeaders.field, message: fromHeaders.message }], operationId);
    }
    const fault: Fault | undefined = fromHeaders.fault ?? takeFault(session, module.name, operationId);
    if (fault && fault.delayMs > 0) {
      await sleep(fault.delayMs, request.client);
      // A client that gave up while waiting gets nothing, so nothing may change on its behalf.
      if (request.client?.gone) {
        return module.reject('invalid', [{ in: 'header', field: 'connection', message: 'the client went away before the delay ended; nothing was changed' }], operationId);
      }
      store.settle(session);
    }
    if (fault?.status !== undefined) return module.responses.example(operationId, fault.status);

    const credentials = readCredentials(operation.spec, request.headers.authorization);
    if (!credentials.ok) {
      const message =
        credentials.reason === 'missing'
          ? `credentials are required (${credentials.expected.join(' or ')})`
          : `must be ${credentials.expected.join(' or ')} credentials`;
      return module.reject('unauthorized', [{ in: 'header', field: 'authorization', message }], operationId);
    }
    const created = !session.states.has(module.name);
    const state = stateOf(session, module);
    const denied = module.authenticate?.(credentials.credentials, state, operationId, clock);
    const response = denied ?? within(module, session, operationId, request, () => operate(module, operation, rawParams, request, session, state, credentials.credentials));
    // A rejected request leaves nothing behind: not even the default state it was checked against.
    if (created && response.status >= 300 && session.tasks.length === 0) session.states.delete(module.name);
    return response;
  }

  /** Per-session limits, checked before the domain sees the request. */
  function within(module: VendorModule, session: Session, operationId: string, request: MockRequest, next: () => MockResponse): MockResponse {
    const bodyLength = request.body?.length ?? 0;
    if (bodyLength > 0 && jsonDepth(request.body!, limits.maxBodyDepth) > limits.maxBodyDepth) {
      return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.depth(limits.maxBodyDepth) }], operationId);
    }
    if (session.storedBytes + bodyLength > limits.maxStoredBytes) {
      return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.storedBytes(limits.maxStoredBytes) }], operationId);
    }
    if (countEntities(session.states.get(module.name)) >= limits.maxEntities) {
      return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.entities(limits.maxEntities) }], operationId);
    }
    const response = next();
    if (response.status < 300) session.storedBytes += bodyLength;
    return response;
  }

  function operate(module: VendorModule, operation: CompiledOperation, rawParams: Record<string, string>, request: MockRequest, session: Session, state: unknown, credentials: Credentials): MockResponse {
    const operationId = operation.spec.operationId;
    const statuses = module.responses.statuses(operationId);
    const { request: validated, problems } = operation.validate(request, rawParams);
    if (problems.length > 0) return module.reject('invalid', problems, operationId);

    const handler = module.operations[operationId]!;
    const response = handler({
      state,
      request: validated,
      credentials,
      clock,
      settings,
      emit: (type, payload) => store.emit(session, module.name, type, payload),
      schedule: (delayMs, transition) => store.schedule(session, module.name, delayMs, transition),
    });
    if (!statuses.includes(response.status)) {
      throw new Error(`${module.name} ${operationId} answered ${response.status}, which its spec does not document`);
    }
    return response;
  }

  return {
    clock,
    store,
    settings,
    limits,
    vendors: options.vendors,
    vendor: (name) => runtimes.get(name)?.module,
    handleVendor,
    handle(request) {
      const m = /^\/([^/]+)(\/.*)?$/.exec(request.path);
      if (!m) return handleVendor('', request);
      return handleVendor(m[1]!, { ...request, path: m[2] ?? '/' });
    },
    state<State>(sessionId: string, vendor: string) {
      const module = runtimes.get(vendor)?.module;
      if (!module) throw new Error(`unknown vendor ${vendor}`);
      const session = store.enter(sessionId);
      try {
        store.settle(session);
        return stateOf(session, module) as State;
      } finally {
        store.leave(session);
      }
    },
    cancelDelays: delays.cancelAll,
  };
}
