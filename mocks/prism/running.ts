/**
 * The Prism servers this process started and has not stopped. A test file must stop every one it
 * starts; the test setup (scripts/test-setup.ts) fails the file otherwise.
 */
export interface StoppablePrism {
  url: string;
  stop(): Promise<void>;
}

const running = new Set<StoppablePrism>();

/** Registers a started server; call the answer once it has stopped. */
export function trackRunning(prism: StoppablePrism): () => void {
  running.add(prism);
  return () => void running.delete(prism);
}

export const runningPrisms = (): StoppablePrism[] => [...running];
