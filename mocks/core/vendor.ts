/** What a vendor plugs into the engine: its state, its operations and its error envelope. */
import { documents } from '../../generated/documents.ts';
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import type { Preset } from './presets.ts';
import type { Credentials } from './request/credentials.ts';
import type { DocumentedResponses } from './responses/documented-responses.ts';
import type { Clock, MockResponse, RequestProblem, ValidatedRequest } from './types.ts';

/**
 * What an operation receives. `Params`: its parameters typed from the generated operation
 * (`ParametersOf<operations['x']>`), so a path or header value needs no cast.
 */
export interface OperationContext<State, Body = unknown, Params extends Partial<Record<'path' | 'query' | 'header', object>> = {}> {
  state: State;
  request: ValidatedRequest<Body> & Params;
  credentials: Credentials;
  clock: Clock;
  /** Append an event to the session's log. */
  emit(type: string, payload: unknown): void;
  /** Run `transition` once `delayMs` has passed on the engine clock (the next time the session is touched). */
  schedule(delayMs: number, transition: () => void): void;
  settings: EngineSettings;
}

export interface EngineSettings {
  /** How long a vendor's asynchronous operations take to complete (a bind that finishes later). */
  asyncDelayMs: number;
}

export type OperationHandler<State> = (context: OperationContext<State, any, any>) => MockResponse;

/**
 * Why a request is refused before the domain: it breaks the spec, lacks credentials, names no
 * operation (`not-found`), or uses a method its path does not take (`method-not-allowed`: the core
 * sets status 405 and `Allow`; the body is the vendor's, in its own envelope).
 */
export type RejectionKind = 'invalid' | 'unauthorized' | 'not-found' | 'method-not-allowed';

export interface VendorModule<State = any, Fixtures = any> {
  /** Spec name and URL prefix. */
  name: string;
  document: OpenApiDocument;
  responses: DocumentedResponses;
  /** An empty state loaded with the default fixtures. */
  createState(): State;
  /** Add entities; the body was validated against the control spec. Returns an error message on conflict. */
  addFixtures(state: State, fixtures: Fixtures): string | undefined;
  /** A JSON view of the state, for the control API and dashboard. */
  snapshot(state: State): unknown;
  operations: Record<string, OperationHandler<State>>;
  /** Vendor credential rules (token validity, password rule, access rights): a 401/403, or undefined. */
  authenticate?(credentials: Credentials, state: State, operationId: string, clock: Clock): MockResponse | undefined;
  /**
   * Accepted credentials, the default fixtures' IDs by role (what the conformance suite needs), and
   * one successful request per operation (for the demo page, README and benchmarks).
   */
  samples: {
    authorization: string;
    fixtures: Record<string, string | number>;
    requests: Record<string, SampleCall>;
    /**
     * Fresh entities at scale, for benchmarks and load tests: `fixtures(count)` is a control-API
     * fixtures body adding `count` of them; `call(operationId, i)` is a successful call on the i-th.
     */
    scale: { fixtures(count: number, offset?: number): unknown; call(operationId: string, index: number): SampleCall };
  };
  /**
   * The vendor's documented answer, in its envelope, for a request rejected before the domain.
   * `rule` is the rule the core answers it as: the rule a schema node names (`x-cardmock-rule`),
   * else the operation's rule that `applies` to the case (`request-invalid`, `credentials-missing`,
   * `credentials-malformed`), or one of cardmock's own (`cardmock.unknown-path`…). The answer
   * carries that rule whatever `reject` returns.
   */
  reject(kind: RejectionKind, problems: RequestProblem[], operationId?: string, rule?: string): MockResponse;
  /** Named states for front-end developers (mocks/core/presets.ts), each applied to a session through the control API. */
  presets?: Preset<Fixtures>[];
}

/** The vendor's refusal of a request the core refuses, named by the rule the core chose. */
export function rejection(module: VendorModule, kind: RejectionKind, problems: RequestProblem[], operationId?: string, rule?: string): MockResponse {
  const response = module.reject(kind, problems, operationId, rule);
  return rule === undefined ? response : { ...response, rule };
}

/**
 * A vendor's name is its URL prefix and a path segment of the control API: the control spec's
 * `Vendor` pattern (lower-case letters, digits and dashes, at most 40), so no name can be a
 * reserved path (`__cardmock`), climb out of a folder (`../x`) or carry markup into the dashboard.
 */
export const VENDOR_NAME = new RegExp((documents['cardmock-control'].components!.schemas!.Vendor as { pattern: string }).pattern);

export function vendorNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && VENDOR_NAME.test(name)) return undefined;
  return `the vendor name ${JSON.stringify(name)} must match ${VENDOR_NAME.source} (lower-case letters, digits and dashes)`;
}

/** A successful request of an operation against the default fixtures; the path comes from the spec. */
export interface SampleCall {
  path: Record<string, string | number>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * `authenticate` for a vendor that issues bearer tokens: a token fixture of this session passes,
 * anything else gets `refusal` (vendors that answer a missing, wrong or expired token alike).
 */
export function sessionBearerTokens<State extends { tokens: Set<string> }>(refusal: () => MockResponse) {
  return (credentials: Credentials, state: State): MockResponse | undefined =>
    credentials.scheme === 'bearer' && state.tokens.has(credentials.token) ? undefined : refusal();
}

/** `createState` for a vendor: a new empty state loaded with (a copy of) the default fixtures. */
export function seededState<State, Fixtures>(
  empty: () => State,
  addFixtures: (state: State, fixtures: Fixtures) => string | undefined,
  defaults: Fixtures,
): () => State {
  return () => {
    const state = empty();
    const conflict = addFixtures(state, structuredClone(defaults));
    if (conflict) throw new Error(`default fixtures conflict: ${conflict}`);
    return state;
  };
}
