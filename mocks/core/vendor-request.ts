/**
 * A vendor request from end to end, on one page. `answerVendorRequest` takes the steps in order,
 * each a function below it: a step either answers — its refusal ends the request's way — or
 * writes what it learnt into the call for the steps after it. docs/architecture.md's "A request passes, in
 * order" lists the same steps (vendor-request.test.ts holds the two together). What is big lives
 * with its concern: the router and validation in request/, sessions and their limits in session/,
 * answers by rule and documented examples in responses/.
 */
import { ruleApplying } from '../../specs/lib/rules.ts';
import { readCredentials, type Credentials, type CredentialsResult } from './request/credentials.ts';
import { faultFromHeaders, takeFault } from './request/faults.ts';
import { route as routeRequest, type CompiledOperation } from './request/router.ts';
import { CARDMOCK_RULES } from './responses/cardmock-rules.ts';
import { countEntities, jsonDepth, limitMessage, storedBytesLimit, utf8Length, type SessionLimits } from './session/session-limits.ts';
import type { SessionStore } from './session/session-store.ts';
import { sessionName, vendorState, type RequestLogEntry, type Session } from './session/session.ts';
import { RULE_HEADER, SESSION_HEADER, type ClientPresence, type Clock, type MockRequest, type MockResponse, type RequestProblem, type ValidatedRequest } from './types.ts';
import { rejection, type EngineSettings, type VendorModule } from './vendor.ts';

/** What every request of an engine shares; `createEngine` makes it once. */
export interface EngineContext {
  readonly clock: Clock;
  readonly settings: EngineSettings;
  readonly store: SessionStore;
  readonly limits: SessionLimits;
  /** Waits for fault delays. */
  readonly sleep: (ms: number, client?: ClientPresence) => Promise<void>;
}

/** A vendor module with the operations of its spec compiled (request/router.ts). */
export interface VendorRuntime {
  module: VendorModule;
  operations: readonly CompiledOperation[];
}

/** The steps in docs/architecture.md's words, in the order `answerVendorRequest` takes them. */
export const REQUEST_STEPS = {
  session: enterSession,
  route,
  fault,
  credentials,
  'vendor authentication': authenticate,
  limits,
  validation,
  operation,
  'documented-status guard': guardDocumented,
  log,
} as const;

/** `request.path` is relative to the vendor's base URL. */
export async function answerVendorRequest(context: EngineContext, runtime: VendorRuntime, request: MockRequest): Promise<MockResponse> {
  const started = performance.now();
  const entered = enterSession(context, runtime.module, request);
  if (entered.refusal) return entered.refusal;
  const call = new VendorCall(context, runtime, request, entered.session, started);
  let response: MockResponse | undefined;
  try {
    response =
      route(call) ??
      (await fault(call)) ??
      credentials(call) ??
      authenticate(call) ??
      limits(call) ??
      validation(call) ??
      operation(call);
    guardDocumented(call, response);
    return log(call, response);
  } finally {
    leaveSession(call, response);
  }
}

/** One vendor request on its way: what the steps learn, for the steps after them. */
class VendorCall {
  readonly module: VendorModule;
  /** Set by `route` (left unset when it refuses): every step after it has its operation and the path parameters as matched (still percent-encoded). */
  operation!: CompiledOperation;
  rawParams: Record<string, string> = {};
  /** Set by `credentials`, once the request's credentials are readable. */
  credentials: Credentials | undefined = undefined;
  /** Set by `authenticate`: the vendor's state in the session, and whether this request created it. */
  state: unknown = undefined;
  createdState = false;
  /** Set by `limits`: the body's UTF-8 length, stored once the operation accepts it. */
  bodyBytes = 0;
  /** Set by `validation`, once the request is what its spec allows. */
  validated: ValidatedRequest | undefined = undefined;

  constructor(
    readonly context: EngineContext,
    readonly runtime: VendorRuntime,
    readonly request: MockRequest,
    readonly session: Session,
    readonly started: number,
  ) {
    this.module = runtime.module;
  }

  get operationId(): string {
    return this.operation.spec.operationId;
  }
}

/** The session the request names (`default` when none), entered for the request's duration; its due transitions run first. */
function enterSession(context: EngineContext, module: VendorModule, request: MockRequest): { session: Session; refusal?: undefined } | { refusal: MockResponse } {
  const named = sessionName(request.headers);
  if (!named.ok) {
    const refused = rejection(module, 'invalid', [{ in: 'header', field: SESSION_HEADER, message: named.message }], undefined, 'cardmock.control-headers');
    return { refusal: { ...refused, headers: { ...refused.headers, [RULE_HEADER]: refused.rule! } } };
  }
  const session = context.store.enter(named.id);
  context.store.settle(session);
  return { session };
}

/** The operation at the request's method and path, or the vendor's answer to a path it does not have (405 with `Allow` for a wrong method). */
function route(call: VendorCall): MockResponse | undefined {
  const { request, module } = call;
  const routed = routeRequest(call.runtime.operations, request.method, request.path);
  if (routed.operation) {
    call.operation = routed.operation;
    call.rawParams = routed.params;
    return undefined;
  }
  const { allowed } = routed;
  if (allowed.length === 0) {
    return rejection(module, 'not-found', [{ in: 'path', field: '', message: `no operation at ${request.method} ${request.path}` }], undefined, 'cardmock.unknown-path');
  }
  // The vendors document no 405; cardmock answers it at the routing level, in the vendor's envelope.
  const problem: RequestProblem = { in: 'path', field: '', message: `${request.method} is not allowed on ${request.path}; allowed: ${allowed.join(', ')}` };
  const response = rejection(module, 'method-not-allowed', [problem], undefined, 'cardmock.method-not-allowed');
  return { ...response, status: 405, headers: { ...response.headers, allow: allowed.join(', ') } };
}

/**
 * The fault the request meets, from its own headers or else the session's rules: waited out, then
 * answered with the operation's documented example for the fault's status.
 */
async function fault(call: VendorCall): Promise<MockResponse | undefined> {
  const { context, module, request, session, operationId } = call;
  const fromHeaders = faultFromHeaders(request, module.responses.statuses(operationId));
  if (!fromHeaders.ok) {
    return rejection(module, 'invalid', [{ in: 'header', field: fromHeaders.field, message: fromHeaders.message }], operationId, 'cardmock.control-headers');
  }
  const met = fromHeaders.fault ?? takeFault(session, module.name, operationId);
  if (met && met.delayMs > 0) {
    await context.sleep(met.delayMs, request.client);
    // A client that gave up while waiting gets nothing, so nothing may change on its behalf.
    if (request.client?.gone) {
      return rejection(module, 'invalid', [{ in: 'header', field: 'connection', message: 'the client went away before the delay ended; nothing was changed' }], operationId, 'cardmock.client-gone');
    }
    context.store.settle(session);
  }
  if (met?.status === undefined) return undefined;
  // The catalogue's rule for a failure of that status (a 500, a 503), else cardmock's own.
  const rule = ruleApplying(call.operation.spec.rules, 'fault', met.status)?.id ?? 'cardmock.fault';
  return { ...module.responses.example(operationId, met.status), rule };
}

/** The credentials the operation's security asks for, present and well-formed (their validity is the vendor's rule). */
function credentials(call: VendorCall): MockResponse | undefined {
  const { spec } = call.operation;
  const read = readCredentials(spec, call.request.headers.authorization);
  if (read.ok) {
    call.credentials = read.credentials;
    return undefined;
  }
  const rule = ruleApplying(spec.rules, `credentials-${read.reason}`)?.id;
  return rejection(call.module, 'unauthorized', [{ in: 'header', field: 'authorization', message: credentialsMessage(read) }], call.operationId, rule);
}

function credentialsMessage(result: Extract<CredentialsResult, { ok: false }>): string {
  return result.reason === 'missing'
    ? `credentials are required (${result.expected.join(' or ')})`
    : `must be ${result.expected.join(' or ')} credentials`;
}

/** The vendor's credential rules (token validity, password rule, access rights), judged on the session's state of the vendor. */
function authenticate(call: VendorCall): MockResponse | undefined {
  const { module, session } = call;
  call.createdState = !session.states.has(module.name);
  call.state = vendorState(session, module);
  return module.authenticate?.(call.credentials!, call.state, call.operationId, call.context.clock);
}

/** What one session may hold: how deep a body nests, bytes of stored bodies, entities of the vendor. */
function limits(call: VendorCall): MockResponse | undefined {
  const { context, request, session } = call;
  const bounds = context.limits;
  const bodyBytes = request.body ? utf8Length(request.body) : 0;
  if (bodyBytes > 0 && jsonDepth(request.body!, bounds.maxBodyDepth) > bounds.maxBodyDepth) return overLimit(call, limitMessage.depth(bounds.maxBodyDepth));
  const maxStored = storedBytesLimit(bounds);
  if (session.storedBytes + bodyBytes > maxStored) return overLimit(call, limitMessage.storedBytes(maxStored));
  if (countEntities(session.states.get(call.module.name)) >= bounds.maxEntities) return overLimit(call, limitMessage.entities(bounds.maxEntities));
  call.bodyBytes = bodyBytes;
  return undefined;
}

const overLimit = (call: VendorCall, message: string) =>
  rejection(call.module, 'invalid', [{ in: 'body', field: '', message }], call.operationId, 'cardmock.session-limits');

/** The request against its operation's spec (request/router.ts): parameters and body, the vendor's documented 400 when it breaks it. */
function validation(call: VendorCall): MockResponse | undefined {
  const { request: validated, problems } = call.operation.validate(call.request, call.rawParams);
  if (problems.length === 0) {
    call.validated = validated;
    return undefined;
  }
  return rejection(call.module, 'invalid', problems, call.operationId, validationRule(call.operation.spec.rules, problems));
}

/**
 * A documented rule the schema expresses keeps its own answer when it is all that is wrong (every
 * problem names it); anything else is the operation's `request-invalid` rule.
 */
function validationRule(rules: Parameters<typeof ruleApplying>[0], problems: RequestProblem[]): string | undefined {
  const named = problems[0]!.rule;
  if (named !== undefined && problems.every((p) => p.rule === named)) return named;
  return ruleApplying(rules, 'request-invalid')?.id;
}

/** The vendor's operation on the session's state; an accepted body counts as stored (the limits step's budget). */
function operation(call: VendorCall): MockResponse {
  const { context, module, session } = call;
  const response = module.operations[call.operationId]!({
    state: call.state,
    request: call.validated!,
    credentials: call.credentials!,
    clock: context.clock,
    settings: context.settings,
    emit: (type, payload) => context.store.emit(session, module.name, type, payload),
    schedule: (delayMs, transition) => context.store.schedule(session, module.name, delayMs, transition),
  });
  if (response.status < 300 && call.bodyBytes > 0) context.store.store(session, call.bodyBytes);
  return response;
}

/**
 * Only documented statuses leave a mock, and every answer of a catalogued operation from its
 * credentials on names a rule of its catalogue or one of cardmock's own: an answer that does not is
 * a bug in the vendor's module (a programmer error, thrown).
 */
function guardDocumented(call: VendorCall, response: MockResponse): void {
  const { module } = call;
  if (call.validated !== undefined && !module.responses.statuses(call.operationId).includes(response.status)) {
    throw new Error(`${module.name} ${call.operationId} answered ${response.status}, which its spec does not document`);
  }
  if (call.credentials === undefined || call.operation.ruleIds.size === 0) return;
  if (!(response.rule !== undefined && (call.operation.ruleIds.has(response.rule) || response.rule in CARDMOCK_RULES))) {
    throw new Error(`${module.name} ${call.operationId} answered ${response.status} under ${response.rule ?? 'no rule'}, which its catalogue does not hold`);
  }
}

/**
 * The answer goes to the session's request log, and names its session and rule (which also lets a
 * proxy's own answers be told from ours). Object.assign, not `{...headers, [name]: value}`: on every
 * answer, the spread with computed keys costs ~0.3 µs more per header in V8 (Node 20), the copy and
 * plain assignments a few ns.
 */
function log(call: VendorCall, response: MockResponse): MockResponse {
  const { context, request, session } = call;
  // No operation when `route` refused the request.
  const operationId = call.operation?.spec.operationId;
  const entry: RequestLogEntry = {
    at: context.clock.now(),
    method: request.method,
    path: request.path,
    status: response.status,
    ms: Math.round((performance.now() - call.started) * 100) / 100,
    vendor: call.module.name,
    ...(operationId ? { operationId } : {}),
  };
  if (response.rule !== undefined) entry.rule = response.rule;
  context.store.logRequest(session, entry);
  const headers: Record<string, string> = Object.assign({}, response.headers);
  headers[SESSION_HEADER] = session.id;
  if (response.rule !== undefined) headers[RULE_HEADER] = response.rule;
  return { ...response, headers };
}

/** The request is done with its session. A refused request leaves nothing behind: not even the default state it was checked against. */
function leaveSession(call: VendorCall, response: MockResponse | undefined): void {
  const { session, module } = call;
  if (call.createdState && response !== undefined && response.status >= 300 && session.tasks.length === 0) session.states.delete(module.name);
  call.context.store.leave(session);
}
