/**
 * Session-scoped state: each `x-cardmock-session` value gets its own vendor states, event log,
 * request log, fault rules and scheduled transitions, so parallel test runs can share one server.
 *
 * Memory is bounded: a session is kept only once it holds state (vendor state, fault rules or
 * pending transitions), so a request that changes nothing leaves nothing behind; at most
 * `maxSessions` are kept, the least recently used evicted first; and a session idle longer than
 * `idleTtlMs` is dropped. A session with a request in flight is never evicted.
 */
import { systemClock } from './clock.ts';
import { DEFAULT_SESSION, type Clock } from './types.ts';
import type { FaultRule } from './faults.ts';

export interface CardmockEvent {
  seq: number;
  vendor: string;
  type: string;
  /** Epoch ms on the engine clock. */
  at: number;
  payload: unknown;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  ms: number;
  vendor?: string;
  operationId?: string;
}

interface ScheduledTask {
  dueAt: number;
  /** Tie-break: tasks due at the same time run in the order they were scheduled. */
  seq: number;
  vendor: string;
  run: () => void;
}

export interface Session {
  readonly id: string;
  readonly states: Map<string, unknown>;
  readonly events: CardmockEvent[];
  readonly requests: RequestLogEntry[];
  faults: FaultRule[];
  /** A binary min-heap on (dueAt, seq): scheduling and settling stay O(log n) with many binds in flight. */
  readonly tasks: ScheduledTask[];
  /** Bytes of request bodies stored in this session (fixtures and accepted vendor requests). */
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
  /** Wall time for the idle TTL; the engine clock may be a test's manual clock, days ahead. */
  idleClock?: Clock;
}

export const DEFAULT_SESSION_BOUNDS: SessionBounds = { maxSessions: 1_000, idleTtlMs: 60 * 60_000 };

export interface SessionStats {
  live: number;
  maxSessions: number;
  idleTtlMs: number;
  evicted: { lru: number; idle: number };
}

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
  emit(session: Session, vendor: string, type: string, payload: unknown): CardmockEvent;
  schedule(session: Session, vendor: string, delayMs: number, run: () => void): void;
  /** Run the session's transitions whose time has come, in due order. */
  settle(session: Session): void;
  logRequest(session: Session, entry: RequestLogEntry): void;
}

export function createSessionStore(clock: Clock, bounds: Partial<SessionBounds> = {}): SessionStore {
  const { maxSessions, idleTtlMs, idleClock = systemClock } = { ...DEFAULT_SESSION_BOUNDS, ...bounds };
  // Map order is use order: the first entry is the least recently used.
  const sessions = new Map<string, Session>();
  const evicted = { lru: 0, idle: 0 };
  let seq = 0;
  const fresh = (id: string): Session => ({ id, states: new Map(), events: [], requests: [], faults: [], tasks: [], storedBytes: 0, busy: 0, lastUsed: idleClock.now() });
  const holdsState = (s: Session) => s.states.size > 0 || s.faults.length > 0 || s.tasks.length > 0;
  const touch = (s: Session) => {
    s.lastUsed = idleClock.now();
    sessions.delete(s.id);
    sessions.set(s.id, s);
  };

  // The default session is what a developer's browser and the README's curl lines use, and what
  // `serve --seed` fills: it outlives any idle time and the limit (which bounds the named ones).
  const pinned = (s: Session) => s.busy > 0 || s.id === DEFAULT_SESSION;

  function dropIdle(): void {
    const now = idleClock.now();
    for (const s of sessions.values()) {
      if (pinned(s)) continue;
      if (now - s.lastUsed < idleTtlMs) break;
      sessions.delete(s.id);
      evicted.idle++;
    }
  }

  function evictBeyondLimit(): void {
    for (const s of sessions.values()) {
      if (sessions.size <= maxSessions + (sessions.has(DEFAULT_SESSION) ? 1 : 0)) break;
      if (pinned(s)) continue;
      sessions.delete(s.id);
      evicted.lru++;
    }
  }

  return {
    enter(id) {
      dropIdle();
      const session = sessions.get(id) ?? fresh(id);
      session.busy++;
      touch(session);
      return session;
    },
    leave(session) {
      session.busy = Math.max(0, session.busy - 1);
      if (sessions.get(session.id) !== session) return; // evicted or reset meanwhile
      if (session.busy > 0) return;
      if (!holdsState(session)) {
        sessions.delete(session.id);
        return;
      }
      touch(session);
      evictBeyondLimit();
    },
    ids: () => {
      dropIdle();
      return [...sessions.values()].filter(holdsState).map((s) => s.id);
    },
    stats: () => ({ live: sessions.size, maxSessions, idleTtlMs, evicted: { ...evicted } }),
    reset(id, vendor) {
      const session = sessions.get(id);
      if (!session) return;
      if (vendor === undefined) {
        // Emptied in place: requests in flight on it must not bring the old state back.
        session.states.clear();
        session.events.length = 0;
        session.requests.length = 0;
        session.tasks.length = 0;
        session.faults = [];
        session.storedBytes = 0;
        if (session.busy === 0) sessions.delete(id);
        return;
      }
      session.states.delete(vendor);
      remove(session.events, (e) => e.vendor === vendor);
      remove(session.requests, (r) => r.vendor === vendor);
      const kept = session.tasks.filter((t) => t.vendor !== vendor);
      session.tasks.length = 0;
      for (const t of kept) heapPush(session.tasks, t);
      session.faults = session.faults.filter((f) => f.vendor !== vendor);
    },
    emit(session, vendor, type, payload) {
      const event = { seq: ++seq, vendor, type, at: clock.now(), payload };
      session.events.push(event);
      if (session.events.length > EVENT_LOG_LIMIT) session.events.shift();
      return event;
    },
    schedule(session, vendor, delayMs, run) {
      heapPush(session.tasks, { dueAt: clock.now() + delayMs, seq: ++seq, vendor, run });
    },
    settle(session) {
      const tasks = session.tasks;
      if (tasks.length === 0 || tasks[0]!.dueAt > clock.now()) return;
      const now = clock.now();
      while (tasks.length > 0 && tasks[0]!.dueAt <= now) heapPop(tasks).run();
    },
    logRequest(session, entry) {
      session.requests.push(entry);
      if (session.requests.length > REQUEST_LOG_LIMIT) session.requests.shift();
    },
  };
}

function remove<T>(list: T[], drop: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (drop(list[i]!)) list.splice(i, 1);
}

const before = (a: ScheduledTask, b: ScheduledTask) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);

function heapPush(heap: ScheduledTask[], task: ScheduledTask): void {
  heap.push(task);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapPop(heap: ScheduledTask[]): ScheduledTask {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < heap.length && before(heap[l]!, heap[min]!)) min = l;
      if (r < heap.length && before(heap[r]!, heap[min]!)) min = r;
      if (min === i) break;
      [heap[i], heap[min]] = [heap[min]!, heap[i]!];
      i = min;
    }
  }
  return top;
}
