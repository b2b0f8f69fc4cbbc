/** What every step of answering a vendor request shares; `createEngine` makes it once. */
import type { SessionLimits } from './session-limits.ts';
import type { Session, SessionStore } from './session-store.ts';
import type { CompiledOperation } from './compile-operation.ts';
import type { ClientPresence, Clock, MockRequest } from './types.ts';
import type { EngineSettings, VendorModule } from './vendor.ts';
import type { VendorRuntime } from './vendor-runtime.ts';

export interface EngineContext {
  readonly clock: Clock;
  readonly settings: EngineSettings;
  readonly store: SessionStore;
  readonly limits: SessionLimits;
  /** Waits for fault delays. */
  readonly sleep: (ms: number, client?: ClientPresence) => Promise<void>;
  readonly runtimes: Map<string, VendorRuntime>;
}

/** One routed request on its way to a vendor operation. */
export interface OperationCall {
  module: VendorModule;
  operation: CompiledOperation;
  /** Path parameters as matched, still percent-encoded. */
  rawParams: Record<string, string>;
  request: MockRequest;
  session: Session;
}
