/**
 * Fault delays that can be cut short: at shutdown every pending delay ends at once (so the process
 * exits within its grace period instead of waiting out a 60 s delay), and a delay whose client went
 * away ends when it goes.
 */
import type { ClientPresence } from '../types.ts';

export interface Delays {
  sleep(ms: number, client?: ClientPresence): Promise<void>;
  cancelAll(): void;
}

export function createDelays(): Delays {
  const pending = new Set<() => void>();
  return {
    sleep(ms, client) {
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pending.delete(done);
          stopListening?.();
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
        const stopListening = client?.gone ? undefined : client?.onGone(done);
        if (client?.gone) done();
      });
    },
    cancelAll() {
      for (const done of [...pending]) done();
    },
  };
}
