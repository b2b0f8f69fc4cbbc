/**
 * The transport-free request and response that every adapter translates to and from, and what
 * the core makes of a request: its validated values, or the problems the spec finds in it.
 */

export interface MockRequest {
  method: string;
  /** Path without query, percent-encoded as received (`/paysafe/customers/1/...`). */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** Raw body text; undefined when the request had none. */
  body?: string;
  /** Set by an adapter that could not read the body (too large, not UTF-8): the request is rejected with it. */
  bodyError?: string;
  /** Whether the client is still there: a request still waiting when it goes changes nothing. */
  client?: ClientPresence;
  /** The peer's address, where the transport has one (the control API's loopback rule). */
  remoteAddress?: string;
}

/** Set by an adapter that can tell; cheaper per request than an AbortController. */
export interface ClientPresence {
  readonly gone: boolean;
  /** Call `listener` when the client goes; returns a function that stops listening. */
  onGone(listener: () => void): () => void;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value (serialised by the adapter) or undefined for an empty body. */
  body?: unknown;
  /** Instead of `body`: JSON text in pieces, for answers too large to serialise at once. */
  stream?: () => AsyncIterable<string>;
  /** Instead of `body`: bytes or text sent as they are, with their own content-type (the dashboard page). */
  raw?: string | Uint8Array;
  /**
   * The rule that produced a vendor answer: a rule id of the operation's catalogue
   * (`x-cardmock-rules`) or one of cardmock's own (`CARDMOCK_RULES`). Sent as `x-cardmock-rule`
   * and kept in the request log.
   */
  rule?: string;
}

export type ParameterLocation = 'path' | 'query' | 'header';

export interface RequestProblem {
  in: ParameterLocation | 'body';
  /** Dotted field path (`physicalCards.0.loyaltyId`), the parameter or header name, or '' for the whole body. */
  field: string;
  message: string;
  /**
   * The rule of the operation's catalogue this problem breaks, where the failing schema node names
   * one (`x-cardmock-rule`): a documented rule the schema expresses keeps its documented answer.
   */
  rule?: string;
}

/** The name a vendor's error body gives the part of a request a problem is in: its field, or `body` / the location. */
export const problemField = (problem: RequestProblem): string => problem.field || (problem.in === 'body' ? 'body' : problem.in);

/** A request as its operation's spec reads it: parameters decoded and coerced, the body parsed. */
export interface ValidatedRequest<Body = unknown> {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: Body;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const SESSION_HEADER = 'x-cardmock-session';
export const FAULT_HEADER = 'x-cardmock-fault';
export const DELAY_HEADER = 'x-cardmock-delay';
/** The response header naming the rule that produced a vendor answer. */
export const RULE_HEADER = 'x-cardmock-rule';
export const DEFAULT_SESSION = 'default';

/** A JSON answer, typed by its status and body (so it can be held to an operation's documented responses). */
export function json<S extends number, Body>(status: S, body: Body, contentType = 'application/json'): { status: S; headers: Record<string, string>; body: Body } {
  return { status, headers: { 'content-type': contentType }, body };
}
