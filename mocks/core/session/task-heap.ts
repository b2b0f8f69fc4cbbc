/**
 * A session's scheduled transitions as a binary min-heap on (dueAt, seq): scheduling and settling
 * stay O(log n) with many asynchronous binds in flight.
 */
export interface ScheduledTask {
  dueAt: number;
  /** Tie-break: tasks due at the same time run in the order they were scheduled. */
  seq: number;
  vendor: string;
  run: () => void;
}

const before = (a: ScheduledTask, b: ScheduledTask) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);

export function heapPush(heap: ScheduledTask[], task: ScheduledTask): void {
  heap.push(task);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

export function heapPop(heap: ScheduledTask[]): ScheduledTask {
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

/** Run the tasks due by now on `clock`, in due order. */
export function runDue(heap: ScheduledTask[], clock: { now(): number }): void {
  if (heap.length === 0 || heap[0]!.dueAt > clock.now()) return;
  const now = clock.now();
  while (heap.length > 0 && heap[0]!.dueAt <= now) heapPop(heap).run();
}

/** Keep only the tasks `keep` accepts, in heap order again. */
export function heapFilter(heap: ScheduledTask[], keep: (task: ScheduledTask) => boolean): void {
  const kept = heap.filter(keep);
  heap.length = 0;
  for (const task of kept) heapPush(heap, task);
}
