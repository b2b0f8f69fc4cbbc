/**
 * `import type … from 'cardmock/types'`: the types the entries share — the vendors served
 * (`VendorName`, extensible by declaration merging on `CardmockVendors`), each vendor's state,
 * control-API fixtures, operation ids and documented statuses, fault rules, the request log, and
 * the conformance fixtures (pools). Each vendor's own API, as openapi-typescript writes it
 * (`paths`, `components`, `operations`), is `cardmock/types/<vendor>`. Types only.
 */
export type {
  CardmockVendors,
  VendorEntry,
  VendorName,
  VendorState,
  VendorFixtures,
  OperationId,
  DocumentedStatus,
  FaultRule,
  FixtureValue,
  ConformanceFixtures,
  Engine,
} from './vendors/registry.ts';
export type { CardmockEvent, RequestLogEntry } from './core/session/session.ts';
