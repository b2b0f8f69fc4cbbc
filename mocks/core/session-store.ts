/**
 * Session-scoped state: each `x-cardmock-session` value gets its own vendor states, event log,
 * request log, fault rules and scheduled transitions, so parallel test runs can share one server.
 */
import type { Clock } from './types.ts';
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
}

const REQUEST_LOG_LIMIT = 500;
const EVENT_LOG_LIMIT = 5_000;

export interface SessionStore {
  get(id: string): Session;
  ids(): string[];
  /** Drop a session's vendor states (all, or one vendor), its logs and pending work. */
  reset(id: string, vendor?: string): void;
  emit(session: Session, vendor: string, type: string, payload: unknown): CardmockEvent;
  schedule(session: Session, vendor: string, delayMs: number, run: () => void): void;
  /** Run the session's transitions whose time has come, in due order. */
  settle(session: Session): void;
  logRequest(session: Session, entry: RequestLogEntry): void;
}

export function createSessionStore(clock: Clock): SessionStore {
  const sessions = new Map<string, Session>();
  let seq = 0;
  const fresh = (id: string): Session => ({ id, states: new Map(), events: [], requests: [], faults: [], tasks: [] });

  return {
    get(id) {
      let session = sessions.get(id);
      if (!session) {
        session = fresh(id);
        sessions.set(id, session);
      }
      return session;
    },
    ids: () => [...sessions.keys()],
    reset(id, vendor) {
      const session = sessions.get(id);
      if (!session) return;
      if (vendor === undefined) {
        sessions.delete(id);
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
