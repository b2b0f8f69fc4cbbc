/**
 * `import … from 'cardmock'`: the transport-free engine, the five vendor modules, session state and
 * fault rules. Nothing here needs Node: it bundles for the browser too. Adapters live in their own
 * entries (`cardmock/msw`, `cardmock/browser`, `cardmock/server` for the Node HTTP server).
 */
import { createEngine as createEngineWith, type EngineOptions } from './core/engine.ts';
import type { Engine } from './vendors/registry.ts';
import { allVendors } from './vendors/index.ts';

export type { EngineOptions } from './core/engine.ts';
export type { Engine, FaultRule, VendorName, VendorState, VendorFixtures, OperationId, CardmockVendors } from './vendors/registry.ts';
export type { EngineSettings, VendorModule, OperationContext, OperationHandler, RejectionKind, SampleCall } from './core/vendor.ts';
export { seededState } from './core/vendor.ts';
export { documentedResponses, type DocumentedResponses } from './core/responses/documented-responses.ts';
export type { MockRequest, MockResponse, Clock } from './core/types.ts';
export type { SessionStore } from './core/session/session-store.ts';
export type { Session, CardmockEvent, RequestLogEntry } from './core/session/session.ts';
export type { Fault } from './core/request/faults.ts';
export { SESSION_HEADER, FAULT_HEADER, DELAY_HEADER, RULE_HEADER, DEFAULT_SESSION } from './core/types.ts';
export { CARDMOCK_RULES, type CardmockRuleId } from './core/responses/cardmock-rules.ts';
export { operationRules, type OperationRules, type RuleTable } from './core/responses/rule-answers.ts';
export { manualClock, systemClock, type ManualClock } from './core/clock.ts';
export { allVendors } from './vendors/index.ts';
export { createApp, type App, type AppOptions, type Guard } from './app/create-app.ts';
export { pismo } from './vendors/pismo/index.ts';
export { paysafe } from './vendors/paysafe/index.ts';
export { enfuce } from './vendors/enfuce/index.ts';
export { capillary } from './vendors/capillary/index.ts';
export { exchangeSolutions } from './vendors/exchange-solutions/index.ts';

/** An engine over all five vendors unless `vendors` says otherwise; `state` typed by vendor. */
export function createEngine(options: Partial<EngineOptions> = {}): Engine {
  return createEngineWith({ ...options, vendors: options.vendors ?? allVendors });
}
