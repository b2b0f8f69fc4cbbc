/**
 * A session: what one `x-cardmock-session` value holds — its vendor states, event log, request
 * log, fault rules and scheduled transitions — so parallel test runs can share one server. The
 * entries of its logs and its fault rules are what the control API shows and takes, typed from the
 * control spec (generated/cardmock-control.ts).
 */
import type { components, operations } from '../../../generated/cardmock-control.ts';
import { documents } from '../../../generated/documents.ts';
import { DEFAULT_SESSION, SESSION_HEADER, type Clock } from '../types.ts';
import type { ScheduledTask } from './task-heap.ts';

type Schemas = components['schemas'];
export type CardmockEvent = Schemas['Event'];
export type RequestLogEntry = Schemas['RequestLogEntry'];
export type FaultRule = Schemas['FaultRule'];

export interface Session {
  readonly id: string;
  readonly states: Map<string, unknown>;
  readonly events: CardmockEvent[];
  readonly requests: RequestLogEntry[];
  faults: FaultRule[];
  /** A binary min-heap on (dueAt, seq): scheduling and settling stay O(log n) with many binds in flight. */
  readonly tasks: ScheduledTask[];
  /** Bytes (UTF-8) of request bodies stored in this session (fixtures and accepted vendor requests); change it through the store's `store`. */
  storedBytes: number;
  /** Requests in flight on this session. */
  busy: number;
  /** When the session was last used, on the idle clock. */
  lastUsed: number;
}

export interface SessionBounds {
  /** Sessions kept at most; the least recently used is evicted beyond. */
  maxSessions: number;
  /** A session unused this long is dropped. */
  idleTtlMs: number;
  /** Memory the stored state of all sessions may take (estimated from their stored bytes); the least recently used are evicted beyond. */
  maxMemoryBytes: number;
  /** Wall time for the idle TTL; the engine clock may be a test's manual clock, days ahead. */
  idleClock?: Clock;
}

export const DEFAULT_SESSION_BOUNDS: SessionBounds = { maxSessions: 1_000, idleTtlMs: 60 * 60_000, maxMemoryBytes: 512 * 1024 * 1024 };

/**
 * The sessions kept, the bounds and the eviction counters (over `maxSessions`: lru; idle past the
 * TTL: idle; over `maxMemoryBytes`: memory), as `GET /__cardmock/sessions` shows them; `live`
 * counts every session in the pool, requests in flight included.
 */
export type SessionStats = Omit<operations['listSessions']['responses'][200]['content']['application/json'], 'sessions'>;

/** A vendor's state within a session, created with the default fixtures on first use. */
export function vendorState(session: Session, vendor: { name: string; createState(): unknown }): unknown {
  let state = session.states.get(vendor.name);
  if (state === undefined) {
    state = vendor.createState();
    session.states.set(vendor.name, state);
  }
  return state;
}

/**
 * Session names, checked the same way wherever a session is named (vendor paths, control API,
 * MSW). Header values reach Node as latin1: a UTF-8 name would come back garbled in JSON, so
 * names are visible ASCII only and anything else is refused, never silently rewritten. The length
 * bound keeps a name usable in the control API and cheap to keep in memory. The rule is the
 * control spec's `x-cardmock-session` parameter.
 */
const NAME_SCHEMA = documents['cardmock-control'].components!.parameters!.session!.schema as { pattern: string; maxLength: number };
const VALID = new RegExp(NAME_SCHEMA.pattern);
const NAME_RULE = `must be 1 to ${NAME_SCHEMA.maxLength} visible ASCII characters (no spaces; percent-encode anything else)`;

export type SessionName = { ok: true; id: string } | { ok: false; message: string };

/** The session a request names; absent or empty means `default`. */
export function sessionName(headers: Record<string, string | undefined>): SessionName {
  const raw = headers[SESSION_HEADER];
  if (raw === undefined || raw === '') return { ok: true, id: DEFAULT_SESSION };
  return VALID.test(raw) ? { ok: true, id: raw } : { ok: false, message: NAME_RULE };
}
