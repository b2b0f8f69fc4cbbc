/**
 * The sessions of an engine (session.ts says what one holds).
 *
 * Memory is bounded: a session is kept only once it holds state (vendor state, fault rules or
 * pending transitions), so a request that changes nothing leaves nothing behind; at most
 * `maxSessions` are kept, the least recently used evicted first; the memory all sessions' stored
 * state takes (estimated from the bytes they stored) stays under `maxMemoryBytes`, the least
 * recently used evicted first; and a session idle longer than `idleTtlMs` is dropped. A session with a request in flight is never evicted.
 */
import { systemClock } from '../clock.ts';
import type { Clock } from '../types.ts';
import { DEFAULT_SESSION_BOUNDS, type CardmockEvent, type RequestLogEntry, type Session, type SessionBounds, type SessionStats } from './session.ts';
import { createSessionPool, enterSession, forgetStored, leaveSession, liveSessionIds, poolStats, storeBytes } from './session-pool.ts';
import { dropVendor, emptySession } from './session-reset.ts';
import { heapPush, runDue } from './task-heap.ts';

const REQUEST_LOG_LIMIT = 500;
const EVENT_LOG_LIMIT = 5_000;

export interface SessionStore {
  /** The session `id` for one request: existing or new, never evicted until `leave`. */
  enter(id: string): Session;
  /** The request is done with the session: it is kept if it holds state, else forgotten. */
  leave(session: Session): void;
  ids(): string[];
  stats(): SessionStats;
  /** Drop a session's vendor states (all, or one vendor), its logs and pending work. */
  reset(id: string, vendor?: string): void;
  /** Count `bytes` as stored by the session; least recently used other sessions go when all together pass the budget. */
  store(session: Session, bytes: number): void;
  emit(session: Session, vendor: string, type: string, payload: unknown): CardmockEvent;
  schedule(session: Session, vendor: string, delayMs: number, run: () => void): void;
  /** Run the session's transitions whose time has come, in due order. */
  settle(session: Session): void;
  logRequest(session: Session, entry: RequestLogEntry): void;
}

export function createSessionStore(clock: Clock, bounds: Partial<SessionBounds> = {}): SessionStore {
  const pool = createSessionPool({ ...DEFAULT_SESSION_BOUNDS, ...bounds, idleClock: bounds.idleClock ?? systemClock });
  let seq = 0;
  return {
    enter: (id) => enterSession(pool, id),
    leave: (session) => leaveSession(pool, session),
    ids: () => liveSessionIds(pool),
    stats: () => poolStats(pool),
    reset(id, vendor) {
      const session = pool.sessions.get(id);
      if (!session) return;
      if (vendor !== undefined) {
        dropVendor(session, vendor);
        return;
      }
      forgetStored(pool, session);
      emptySession(session);
      if (session.busy === 0) pool.sessions.delete(id);
    },
    store: (session, bytes) => storeBytes(pool, session, bytes),
    emit(session, vendor, type, payload) {
      const event = { seq: ++seq, vendor, type, at: clock.now(), payload };
      appendBounded(session.events, event, EVENT_LOG_LIMIT);
      return event;
    },
    schedule(session, vendor, delayMs, run) {
      heapPush(session.tasks, { dueAt: clock.now() + delayMs, seq: ++seq, vendor, run });
    },
    settle: (session) => runDue(session.tasks, clock),
    logRequest: (session, entry) => appendBounded(session.requests, entry, REQUEST_LOG_LIMIT),
  };
}

/** Logs keep their newest entries: the oldest goes once the limit is passed. */
function appendBounded<T>(log: T[], entry: T, limit: number): void {
  log.push(entry);
  if (log.length > limit) log.shift();
}
