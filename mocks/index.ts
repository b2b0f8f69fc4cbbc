/**
 * `import … from 'cardmock'`: the transport-free engine, the five vendor modules, session state and
 * fault rules. Nothing here needs Node: it bundles for the browser too. Adapters live in their own
 * entries (`cardmock/msw`, `cardmock/browser`, `cardmock/server` for the Node HTTP server).
 */
import { createEngine as createEngineWith, type Engine, type EngineOptions } from './core/engine.ts';
import { allVendors } from './vendors/index.ts';

export type { Engine, EngineOptions } from './core/engine.ts';
export type { EngineSettings, VendorModule, OperationContext, OperationHandler, RejectionKind, SampleCall } from './core/vendor.ts';
export { seededState } from './core/vendor.ts';
export { documentedResponses, type DocumentedResponses } from './core/documented-responses.ts';
export type { MockRequest, MockResponse, Clock } from './core/types.ts';
export type { Session, SessionStore, CardmockEvent, RequestLogEntry } from './core/session-store.ts';
export type { FaultRule, Fault } from './core/faults.ts';
export { SESSION_HEADER, FAULT_HEADER, DELAY_HEADER, RULE_HEADER, DEFAULT_SESSION } from './core/types.ts';
export { CARDMOCK_RULES, type CardmockRuleId } from './core/cardmock-rules.ts';
export { operationRules, type OperationRules, type RuleTable } from './core/rule-answers.ts';
export { manualClock, systemClock, type ManualClock } from './core/clock.ts';
export { allVendors } from './vendors/index.ts';
export { createApp, type App, type AppOptions, type Guard } from './app/create-app.ts';
export { pismo } from './vendors/pismo/index.ts';
export { paysafe } from './vendors/paysafe/index.ts';
export { enfuce } from './vendors/enfuce/index.ts';
export { capillary } from './vendors/capillary/index.ts';
export { exchangeSolutions } from './vendors/exchange-solutions/index.ts';

/** An engine over all five vendors unless `vendors` says otherwise. */
export function createEngine(options: Partial<EngineOptions> = {}): Engine {
  return createEngineWith({ ...options, vendors: options.vendors ?? allVendors });
}
