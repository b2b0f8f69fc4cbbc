import type { Clock } from './types.ts';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for tests of time-based rules (24 h idempotency, async bind). */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}
