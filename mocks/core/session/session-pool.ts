/**
 * The live sessions and how they are kept bounded: a session is kept only once it holds state,
 * at most `maxSessions` are kept (least recently used evicted first), the bytes they store
 * together stay under `maxMemoryBytes` (least recently used evicted first), and one idle longer
 * than `idleTtlMs` is dropped. A session with a request in flight is never evicted. The default
 * session also keeps a request log of refusals alone, so the dashboard shows why a first request
 * was refused.
 */
import { DEFAULT_SESSION, type Clock } from '../types.ts';
import type { Session, SessionBounds, SessionStats } from './session.ts';

export interface SessionPool extends Required<SessionBounds> {
  /** Map order is use order: the first entry is the least recently used. */
  readonly sessions: Map<string, Session>;
  readonly evicted: { lru: number; idle: number; memory: number };
  /** Bytes stored by the sessions in `sessions`. */
  stored: number;
}

export function createSessionPool(bounds: Required<SessionBounds>): SessionPool {
  return { ...bounds, sessions: new Map(), evicted: { lru: 0, idle: 0, memory: 0 }, stored: 0 };
}

const newSession = (id: string, idleClock: Clock): Session =>
  ({ id, states: new Map(), events: [], requests: [], faults: [], tasks: [], storedBytes: 0, busy: 0, lastUsed: idleClock.now() });

const holdsState = (s: Session) =>
  s.states.size > 0 || s.faults.length > 0 || s.tasks.length > 0 || (s.id === DEFAULT_SESSION && s.requests.length > 0);

// The default session is what a developer's browser and the docs' curl lines use, and what
// `serve --seed` fills: it outlives any idle time and the limit (which bounds the named ones).
const pinned = (s: Session) => s.busy > 0 || s.id === DEFAULT_SESSION;

function touch(pool: SessionPool, s: Session): void {
  s.lastUsed = pool.idleClock.now();
  pool.sessions.delete(s.id);
  pool.sessions.set(s.id, s);
}

/** A session leaves the pool, and its stored bytes with it. */
function drop(pool: SessionPool, s: Session, why?: keyof SessionPool['evicted']): void {
  pool.sessions.delete(s.id);
  pool.stored -= s.storedBytes;
  if (why) pool.evicted[why]++;
}

function dropIdle(pool: SessionPool): void {
  const now = pool.idleClock.now();
  for (const s of pool.sessions.values()) {
    if (pinned(s)) continue;
    if (now - s.lastUsed < pool.idleTtlMs) break;
    drop(pool, s, 'idle');
  }
}

function evictBeyondLimit(pool: SessionPool): void {
  const { sessions } = pool;
  for (const s of sessions.values()) {
    if (sessions.size <= pool.maxSessions + (sessions.has(DEFAULT_SESSION) ? 1 : 0)) break;
    if (pinned(s)) continue;
    drop(pool, s, 'lru');
  }
}

/**
 * The memory the state built from `bytes` of stored request bodies takes, estimated: the five
 * vendors' states take 1.7 (Paysafe) to 4.6 (Enfuce) bytes of heap per byte of the fixtures that
 * made them (measured after a full garbage collection), so 5 bounds them all.
 */
export const STATE_BYTES_PER_STORED_BYTE = 5;
export const estimatedMemory = (storedBytes: number) => storedBytes * STATE_BYTES_PER_STORED_BYTE;

function evictBeyondMemory(pool: SessionPool): void {
  for (const s of pool.sessions.values()) {
    if (estimatedMemory(pool.stored) <= pool.maxMemoryBytes) break;
    if (!pinned(s)) drop(pool, s, 'memory');
  }
}

/** Count `bytes` as stored by the session: the least recently used others go when all together pass `maxMemoryBytes` (estimated). */
export function storeBytes(pool: SessionPool, session: Session, bytes: number): void {
  session.storedBytes += bytes;
  if (pool.sessions.get(session.id) !== session) return; // evicted or reset meanwhile: counts for nobody
  pool.stored += bytes;
  evictBeyondMemory(pool);
}

/** The session's stored bytes no longer count (it is being emptied). */
export function forgetStored(pool: SessionPool, session: Session): void {
  if (pool.sessions.get(session.id) === session) pool.stored -= session.storedBytes;
}

/** The session `id` for one request: existing or new, never evicted until `leaveSession`. */
export function enterSession(pool: SessionPool, id: string): Session {
  dropIdle(pool);
  const session = pool.sessions.get(id) ?? newSession(id, pool.idleClock);
  session.busy++;
  touch(pool, session);
  return session;
}

/** The request is done with the session: it is kept if it holds state, else forgotten. */
export function leaveSession(pool: SessionPool, session: Session): void {
  session.busy = Math.max(0, session.busy - 1);
  if (pool.sessions.get(session.id) !== session) return; // evicted or reset meanwhile
  if (session.busy > 0) return;
  if (!holdsState(session)) {
    drop(pool, session);
    return;
  }
  touch(pool, session);
  evictBeyondLimit(pool);
}

export function liveSessionIds(pool: SessionPool): string[] {
  dropIdle(pool);
  return [...pool.sessions.values()].filter(holdsState).map((s) => s.id);
}

export function poolStats(pool: SessionPool): SessionStats {
  const { maxSessions, idleTtlMs, stored, maxMemoryBytes } = pool;
  return { live: pool.sessions.size, maxSessions, idleTtlMs, storedBytes: stored, memoryBytes: estimatedMemory(stored), maxMemoryBytes, evicted: { ...pool.evicted } };
}
