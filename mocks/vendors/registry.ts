/**
 * What the types know of each vendor, by name: its state, the fixtures the control API adds to a
 * session, its operations (openapi-typescript's `operations` of its spec) and the fixture keys its
 * conformance scenarios take. `VendorName` is the union of the names registered here, so a
 * misspelt vendor, operation id or fault status does not compile where these types are used
 * (`engine.state`, `FaultRule`, `baseUrls`, `conform`'s `vendors` and `fixtures`).
 *
 * A vendor of your own registers by declaration merging (README, "Types"):
 *   declare module 'cardmock/types' { interface CardmockVendors { vouchers: { operations: operations; state: VoucherState } } }
 * Types only: nothing here runs.
 */
import type { components as ControlComponents } from '../../generated/cardmock-control.ts';
import type { components as CapillaryComponents, operations as CapillaryOperations } from '../../generated/capillary.ts';
import type { components as EnfuceComponents, operations as EnfuceOperations } from '../../generated/enfuce.ts';
import type { components as ExchangeSolutionsComponents, operations as ExchangeSolutionsOperations } from '../../generated/exchange-solutions.ts';
import type { components as PaysafeComponents, operations as PaysafeOperations } from '../../generated/paysafe.ts';
import type { components as PismoComponents, operations as PismoOperations } from '../../generated/pismo.ts';
import type { Engine as CoreEngine } from '../core/engine.ts';
import type { capillarySamples } from './capillary/fixtures.ts';
import type { CapillaryState } from './capillary/state.ts';
import type { enfuceSamples } from './enfuce/fixtures.ts';
import type { EnfuceState } from './enfuce/state.ts';
import type { exchangeSolutionsSamples } from './exchange-solutions/fixtures.ts';
import type { ExchangeSolutionsState } from './exchange-solutions/state.ts';
import type { paysafeSamples } from './paysafe/fixtures.ts';
import type { PaysafeState } from './paysafe/state.ts';
import type { pismoSamples } from './pismo/fixtures.ts';
import type { PismoState } from './pismo/state.ts';

/** What a registered vendor tells the types; only `operations` is needed, the rest is `unknown` / any key when left out. */
export interface VendorEntry {
  /** openapi-typescript's `operations` of the vendor's spec. */
  operations: object;
  /** What `engine.state(session, vendor)` returns. */
  state?: unknown;
  /** The body of `POST /__cardmock/<vendor>/fixtures`: `components['schemas']['CardmockFixtures']` of its spec. */
  fixtures?: unknown;
  /** The fixture keys the vendor's conformance scenarios take (`conform({ fixtures })`). */
  fixtureKeys?: string;
}

/** An entry from a vendor's generated types, state and samples. */
type Entry<Components extends { schemas: { CardmockFixtures: unknown } }, Operations, State, Samples extends { fixtures: object }> = {
  operations: Operations;
  state: State;
  fixtures: Components['schemas']['CardmockFixtures'];
  fixtureKeys: keyof Samples['fixtures'] & string;
};

/** cardmock's five; extend it for your own (declaration merging on `cardmock/types`). */
export interface CardmockVendors {
  pismo: Entry<PismoComponents, PismoOperations, PismoState, typeof pismoSamples>;
  paysafe: Entry<PaysafeComponents, PaysafeOperations, PaysafeState, typeof paysafeSamples>;
  enfuce: Entry<EnfuceComponents, EnfuceOperations, EnfuceState, typeof enfuceSamples>;
  capillary: Entry<CapillaryComponents, CapillaryOperations, CapillaryState, typeof capillarySamples>;
  'exchange-solutions': Entry<ExchangeSolutionsComponents, ExchangeSolutionsOperations, ExchangeSolutionsState, typeof exchangeSolutionsSamples>;
}

/** A vendor cardmock serves (or one you registered). */
export type VendorName = keyof CardmockVendors & string;

type Field<V extends VendorName, K extends keyof VendorEntry, Otherwise> = CardmockVendors[V] extends { [key in K]: infer T } ? T : Otherwise;

/** What `engine.state(session, vendor)` holds for the vendor. */
export type VendorState<V extends VendorName> = Field<V, 'state', unknown>;
/** The fixtures body of the vendor's control API (`POST /__cardmock/<vendor>/fixtures`); a field with a default may be left out. */
export type VendorFixtures<V extends VendorName> = Field<V, 'fixtures', unknown>;
/** The operation ids of the vendor's spec. */
export type OperationId<V extends VendorName> = keyof Field<V, 'operations', object> & string;
/** The statuses an operation of the vendor documents. */
export type DocumentedStatus<V extends VendorName, Op extends OperationId<V>> = Field<V, 'operations', object>[Op] extends { responses: infer R } ? Extract<keyof R, number> : never;

/** The statuses every operation of the vendor documents (what a fault rule without `operationId` may inject). */
type CommonStatus<V extends VendorName> = { [Op in OperationId<V>]: (status: DocumentedStatus<V, Op>) => void }[OperationId<V>] extends (status: infer S) => void ? S : never;

type ControlFaultRule = ControlComponents['schemas']['FaultRule'];
type FaultRuleOf<V extends VendorName> =
  | { [Op in OperationId<V>]: Omit<ControlFaultRule, 'vendor' | 'operationId' | 'status'> & { vendor: V; operationId: Op; status?: DocumentedStatus<V, Op> } }[OperationId<V>]
  | (Omit<ControlFaultRule, 'vendor' | 'operationId' | 'status'> & { vendor: V; operationId?: undefined; status?: CommonStatus<V> });

/**
 * A fault rule of the control API (`POST /__cardmock/faults`), typed per vendor: a served vendor,
 * one of its operation ids, a status that operation documents (every operation, without one).
 */
export type FaultRule = { [V in VendorName]: FaultRuleOf<V> }[VendorName];

/** A fixture value a conformance target offers: one value, or a pool of which each scenario that uses one up takes its own. */
export type FixtureValue = string | number;
/** `conform({ fixtures })` and `describeConformance`'s `fixtures`: per vendor, its scenarios' fixture keys, each a value or a pool. */
export type ConformanceFixtures = {
  [V in VendorName]?: { [K in Field<V, 'fixtureKeys', string> & string]?: FixtureValue | FixtureValue[] };
};

/** The engine, with `state` typed by vendor: `engine.state(session, 'pismo')` is Pismo's state, a misspelt name does not compile. */
export type Engine = Omit<CoreEngine, 'state'> & {
  state<V extends VendorName, State = VendorState<V>>(sessionId: string, vendor: V): State;
};
