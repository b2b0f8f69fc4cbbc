/**
 * Fault delays that can be cut short: at shutdown every pending delay ends at once (so the process
 * exits within its grace period instead of waiting out a 60 s delay), and a delay whose client went
 * away ends when it goes.
 */
export interface Delays {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  cancelAll(): void;
}

export function createDelays(): Delays {
  const pending = new Set<() => void>();
  return {
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pending.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
        if (signal?.aborted) done();
        else signal?.addEventListener('abort', done, { once: true });
      });
    },
    cancelAll() {
      for (const done of [...pending]) done();
    },
  };
}
