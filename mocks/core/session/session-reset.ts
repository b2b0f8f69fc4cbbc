/** Emptying a session, whole or one vendor's part: states, logs, pending work and fault rules. */
import type { Session } from './session.ts';
import { heapFilter } from './task-heap.ts';

/** Emptied in place: requests in flight on it must not bring the old state back. */
export function emptySession(session: Session): void {
  session.states.clear();
  session.events.length = 0;
  session.requests.length = 0;
  session.tasks.length = 0;
  session.faults = [];
  session.storedBytes = 0;
}

export function dropVendor(session: Session, vendor: string): void {
  session.states.delete(vendor);
  removeWhere(session.events, (e) => e.vendor === vendor);
  removeWhere(session.requests, (r) => r.vendor === vendor);
  heapFilter(session.tasks, (t) => t.vendor !== vendor);
  session.faults = session.faults.filter((f) => f.vendor !== vendor);
}

/** In place, since the session's logs are read through the same arrays. */
function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (drop(list[i]!)) list.splice(i, 1);
}
