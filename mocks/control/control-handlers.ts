/**
 * The control API's operations (specs/cardmock-control.openapi.yaml), one named handler each, typed
 * from the generated control types: a handler takes its operation's parameters and body as the spec
 * reads them and may only answer a status its operation documents, with that status's body.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { operations } from '../../generated/cardmock-control.ts';
import { describeSource, type Rule } from '../../specs/lib/rules.ts';
import { createSchemaRegistry, describeErrors } from '../../specs/lib/schema-registry.ts';
import { cardmockError as error } from '../core/cardmock-error.ts';
import type { Engine } from '../core/engine.ts';
import { FAULT_RULE_LIMIT_MESSAGE, faultRuleProblem, MAX_FAULT_RULES } from '../core/request/faults.ts';
import { CARDMOCK_RULE_SOURCE, CARDMOCK_RULES } from '../core/responses/cardmock-rules.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../core/responses/typed-response.ts';
import { countEntities, limitMessage, storedBytesLimit, utf8Length } from '../core/session/session-limits.ts';
import type { Session } from '../core/session/session.ts';
import { json, type MockRequest, type ValidatedRequest } from '../core/types.ts';
import type { VendorModule } from '../core/vendor.ts';
import { jsonChunks, turns } from './json-chunks.ts';
import { applyPreset, listPresets } from './presets.ts';

export type ControlOperationId = keyof operations;

/** What a control handler gets: the session the request names (entered for it), the request as the control spec reads it, and as received. */
export interface ControlCall<Id extends ControlOperationId> {
  engine: Engine;
  session: Session;
  request: ValidatedRequest<RequestBodyOf<operations[Id]>> & ParametersOf<operations[Id]>;
  received: MockRequest;
}

/** A documented answer of the operation, its body whole or written in pieces. */
export type ControlAnswer<Id extends ControlOperationId> = OperationResponse<operations[Id]> | Streamed<OperationResponse<operations[Id]>>;
type Streamed<R> = R extends { body: unknown } ? Omit<R, 'body'> & { body?: undefined; stream: () => AsyncIterable<string> } : never;

export type ControlHandlers = { [Id in ControlOperationId]: (call: ControlCall<Id>) => ControlAnswer<Id> };

/**
 * State answers written at once. Each holds a snapshot of its vendor's state until its reader has
 * read it, so a reader that does not read costs a snapshot: the others wait their turn, holding
 * nothing (the transport ends a stream whose reader stalls).
 */
export const MAX_STATE_STREAMS = 4;
const stateStreams = turns(MAX_STATE_STREAMS);

const notServed = (vendor: string) => error(404, 'NOT_FOUND', `vendor ${vendor} is not served`);

export const controlHandlers: ControlHandlers = {
  resetSession({ engine, session, request }) {
    const { vendor } = request.query;
    if (vendor !== undefined && !engine.vendor(vendor)) return notServed(vendor);
    engine.store.reset(session.id, vendor);
    return json(200, { session: session.id, vendors: vendor ? [vendor] : engine.vendors.map((v) => v.name) });
  },
  listSessions({ engine }) {
    const sessions = engine.store.ids();
    const { maxSessions, idleTtlMs, storedBytes, memoryBytes, maxMemoryBytes, evicted } = engine.store.stats();
    return json(200, { sessions, live: sessions.length, maxSessions, idleTtlMs, storedBytes, memoryBytes, maxMemoryBytes, evicted });
  },
  listVendors: ({ engine }) =>
    json(200, {
      vendors: engine.vendors.map((v) => ({
        name: v.name,
        operations: v.responses.operations.map((op) => ({
          operationId: op.operationId,
          method: op.method.toUpperCase(),
          path: op.path,
          summary: op.summary,
          statuses: op.responses.map((r) => r.status),
          rules: op.rules.map(ruleSummary),
        })),
      })),
      rules: Object.entries(CARDMOCK_RULES).map(([id, rule]) => ({ id, rule, source: CARDMOCK_RULE_SOURCE })),
    }),
  addFixtures,
  getVendorState({ engine, session, request }) {
    const module = engine.vendor(request.path.vendor);
    if (!module) return notServed(request.path.vendor);
    engine.store.settle(session);
    // Looking at a session that holds nothing shows the defaults without creating state.
    const state = session.states.get(module.name) ?? module.createState();
    // The snapshot (a copy of every entity) is taken only once the stream has a turn.
    return { status: 200, headers: { 'content-type': 'application/json' }, stream: () => stateStreams.run(() => jsonChunks(module.snapshot(state) as Record<string, unknown>)) };
  },
  getVendorEvents({ engine, session, request }) {
    const { vendor } = request.path;
    if (!engine.vendor(vendor)) return notServed(vendor);
    engine.store.settle(session);
    return json(200, { events: session.events.filter((e) => e.vendor === vendor) });
  },
  getRequestLog: ({ session }) => json(200, { requests: session.requests }),
  listFaults: ({ session }) => json(200, { faults: session.faults }),
  clearFaults({ session }) {
    session.faults = [];
    return json(200, { faults: [] });
  },
  addFault,
  listPresets,
  applyPreset,
};

/** A rule as the dashboard shows it: its sentence, and its source in words. */
const ruleSummary = (rule: Rule) => ({ id: rule.id, rule: rule.rule, provenance: rule.provenance, source: describeSource(rule.source) });

/** A fault rule of a served vendor, on its operations, of a status each documents; a session holds a bounded number. */
function addFault({ engine, session, request }: ControlCall<'addFault'>): ControlAnswer<'addFault'> {
  const rule = request.body;
  const module = engine.vendor(rule.vendor);
  if (!module) return error(400, 'INVALID_REQUEST', `vendor ${rule.vendor} is not served`);
  const problem = faultRuleProblem(module, rule);
  if (problem) return error(400, 'INVALID_REQUEST', problem.message, problem.details);
  if (session.faults.length >= MAX_FAULT_RULES) {
    return error(400, 'FAULT_RULE_LIMIT', FAULT_RULE_LIMIT_MESSAGE);
  }
  session.faults.push({ ...rule });
  return json(201, rule);
}

/** Each vendor's fixtures schema lives with the vendor: `components.schemas.CardmockFixtures` of its spec. */
const FIXTURES_SCHEMA = { $ref: '#/components/schemas/CardmockFixtures' };
const fixtureValidators = new WeakMap<VendorModule, ValidateFunction | undefined>();

function fixturesValidator(module: VendorModule): ValidateFunction | undefined {
  if (!fixtureValidators.has(module)) {
    const declared = module.document.components?.schemas?.CardmockFixtures !== undefined;
    fixtureValidators.set(module, declared ? createSchemaRegistry(module.document, `${module.name}-fixtures`).validator(FIXTURES_SCHEMA) : undefined);
  }
  return fixtureValidators.get(module);
}

/** Entities added to the session's state of a vendor, valid by the vendor's own fixtures schema and within the session's limits. */
function addFixtures({ engine, session, request, received }: ControlCall<'addFixtures'>): ControlAnswer<'addFixtures'> {
  const { vendor } = request.path;
  const module = engine.vendor(vendor);
  if (!module) return notServed(vendor);
  const validate = fixturesValidator(module);
  if (!validate) return error(404, 'NOT_FOUND', `vendor ${vendor} declares no fixtures schema (components.schemas.CardmockFixtures of its spec)`);
  if (!validate(request.body)) return error(400, 'INVALID_REQUEST', 'The control request is invalid.', describeErrors(validate.errors).map((e) => `body ${e}`));
  // The vendor's schema holds each kind of fixture as a list of entities.
  const fixtures = request.body as Record<string, unknown[]>;
  const maxStored = storedBytesLimit(engine.limits);
  const bytes = received.body ? utf8Length(received.body) : 0;
  if (session.storedBytes + bytes > maxStored) return error(400, 'SESSION_LIMIT', limitMessage.storedBytes(maxStored));
  const adding = Object.values(fixtures).reduce((n, list) => n + list.length, 0);
  const state = engine.state(session.id, vendor);
  if (countEntities(state) + adding > engine.limits.maxEntities) return error(400, 'SESSION_LIMIT', limitMessage.entities(engine.limits.maxEntities));
  const conflict = module.addFixtures(state, fixtures);
  if (conflict) return error(409, 'CONFLICT', conflict);
  engine.store.store(session, bytes);
  return json(200, { added: Object.fromEntries(Object.entries(fixtures).map(([kind, list]) => [kind, list.length])) });
}
