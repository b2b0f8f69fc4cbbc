/**
 * The control API under `/__cardmock` (specs/cardmock-control.openapi.yaml): reset, fixtures,
 * state, events, request log and fault rules, per session. Requests are validated against the
 * control spec by the same compiled validators as the vendor endpoints.
 */
import { documents } from '../../generated/documents.ts';
import { operationsOf } from '../../specs/lib/operations.ts';
import { describeSource, type Rule } from '../../specs/lib/rules.ts';
import { CARDMOCK_RULE_SOURCE, CARDMOCK_RULES } from '../core/responses/cardmock-rules.ts';
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { createSchemaRegistry, describeErrors } from '../../specs/lib/schema-registry.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { VendorModule } from '../core/vendor.ts';
import { compileOperation } from '../core/request/router.ts';
import type { RequestProblem, ValidatedRequest } from '../core/types.ts';
import type { Engine } from '../core/engine.ts';
import { MAX_FAULT_RULES } from '../core/request/faults.ts';
import type { FaultRule } from '../core/session/session.ts';
import { countEntities, jsonDepth, limitMessage, storedBytesLimit, utf8Length } from '../core/session/session-limits.ts';
import { jsonChunks, turns } from './json-chunks.ts';
import { sessionName, type Session } from '../core/session/session.ts';
import { cardmockError } from '../core/cardmock-error.ts';
import { SESSION_HEADER, json, type MockRequest, type MockResponse } from '../core/types.ts';

export const CONTROL_PREFIX = '/__cardmock';

type Handler = (engine: Engine, session: Session, request: ValidatedRequest<any>) => MockResponse;

const error = cardmockError;

/**
 * State answers written at once. Each holds a snapshot of its vendor's state until its reader has
 * read it, so a reader that does not read costs a snapshot: the others wait their turn, holding
 * nothing (the transport ends a stream whose reader stalls).
 */
export const MAX_STATE_STREAMS = 4;
const stateStreams = turns(MAX_STATE_STREAMS);

const vendorModule = (engine: Engine, name: string) => engine.vendor(name);

const handlers: Record<string, Handler> = {
  resetSession(engine, session, request) {
    const vendor = request.query.vendor as string | undefined;
    if (vendor !== undefined && !vendorModule(engine, vendor)) return error(404, 'NOT_FOUND', `vendor ${vendor} is not served`);
    engine.store.reset(session.id, vendor);
    return json(200, { session: session.id, vendors: vendor ? [vendor] : engine.vendors.map((v) => v.name) });
  },
  listSessions(engine) {
    const sessions = engine.store.ids();
    const { maxSessions, idleTtlMs, storedBytes, memoryBytes, maxMemoryBytes, evicted } = engine.store.stats();
    return json(200, { sessions, live: sessions.length, maxSessions, idleTtlMs, storedBytes, memoryBytes, maxMemoryBytes, evicted });
  },
  listVendors: (engine) =>
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
  getVendorState(engine, session, request) {
    const module = vendorModule(engine, request.path.vendor as string);
    if (!module) return error(404, 'NOT_FOUND', `vendor ${String(request.path.vendor)} is not served`);
    engine.store.settle(session);
    // Looking at a session that holds nothing shows the defaults without creating state.
    const state = session.states.get(module.name) ?? module.createState();
    // The snapshot (a copy of every entity) is taken only once the stream has a turn.
    return { status: 200, headers: { 'content-type': 'application/json' }, stream: () => stateStreams.run(() => jsonChunks(module.snapshot(state) as Record<string, unknown>)) };
  },
  getVendorEvents(engine, session, request) {
    const vendor = request.path.vendor as string;
    if (!vendorModule(engine, vendor)) return error(404, 'NOT_FOUND', `vendor ${vendor} is not served`);
    engine.store.settle(session);
    return json(200, { events: session.events.filter((e) => e.vendor === vendor) });
  },
  getRequestLog: (_engine, session) => json(200, { requests: session.requests }),
  listFaults: (_engine, session) => json(200, { faults: session.faults }),
  clearFaults(_engine, session) {
    session.faults = [];
    return json(200, { faults: [] });
  },
  addFault(engine, session, request) {
    const rule = request.body as FaultRule;
    const module = vendorModule(engine, rule.vendor);
    if (!module) return error(400, 'INVALID_REQUEST', `vendor ${rule.vendor} is not served`);
    const operations = module.responses.operations;
    const targets = rule.operationId ? operations.filter((o) => o.operationId === rule.operationId) : operations;
    if (targets.length === 0) {
      return error(400, 'INVALID_REQUEST', `${rule.vendor} has no operation ${rule.operationId}`, [
        `operations: ${operations.map((o) => o.operationId).join(', ')}`,
      ]);
    }
    if (rule.status !== undefined) {
      for (const op of targets) {
        const documented = op.responses.map((r) => r.status);
        if (!documented.includes(rule.status)) {
          return error(400, 'INVALID_REQUEST', `status ${rule.status} is not documented by ${op.operationId}`, [
            `documented: ${documented.join(', ')}`,
          ]);
        }
      }
    }
    if (session.faults.length >= MAX_FAULT_RULES) {
      return error(400, 'FAULT_RULE_LIMIT', `a session holds at most ${MAX_FAULT_RULES} fault rules; clear them with DELETE /__cardmock/faults`);
    }
    session.faults.push({ ...rule });
    return json(201, rule);
  },
};

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

function addFixtures(engine: Engine, session: Session, request: ValidatedRequest, raw: MockRequest): MockResponse {
  const vendor = String(request.path.vendor);
  const module = vendorModule(engine, vendor);
  if (!module) return error(404, 'NOT_FOUND', `vendor ${vendor} is not served`);
  const validate = fixturesValidator(module);
  if (!validate) return error(404, 'NOT_FOUND', `vendor ${vendor} declares no fixtures schema (components.schemas.CardmockFixtures of its spec)`);
  if (!validate(request.body)) return error(400, 'INVALID_REQUEST', 'The control request is invalid.', describeErrors(validate.errors).map((e) => `body ${e}`));
  const { maxEntities } = engine.limits;
  const maxStored = storedBytesLimit(engine.limits);
  const bytes = raw.body ? utf8Length(raw.body) : 0;
  if (session.storedBytes + bytes > maxStored) return error(400, 'SESSION_LIMIT', limitMessage.storedBytes(maxStored));
  const adding = Object.values(request.body as Record<string, unknown[]>).reduce((n, list) => n + list.length, 0);
  const state = engine.state(session.id, vendor);
  if (countEntities(state) + adding > maxEntities) return error(400, 'SESSION_LIMIT', limitMessage.entities(maxEntities));
  const conflict = module.addFixtures(state, request.body);
  if (conflict) return error(409, 'CONFLICT', conflict);
  engine.store.store(session, bytes);
  const added = Object.fromEntries(
    Object.entries(request.body as Record<string, unknown[]>).map(([kind, list]) => [kind, list.length]),
  );
  return json(200, { added });
}

export interface ControlApi {
  /** Handle a request whose path starts with `/__cardmock`. */
  handle(request: MockRequest): MockResponse;
}

export function createControlApi(engine: Engine): ControlApi {
  const document = documents['cardmock-control'];
  const params = createSchemaRegistry(document, 'cardmock-control', { coerceTypes: true });
  const bodies = createSchemaRegistry(document, 'cardmock-control');
  const operations = operationsOf(document, 'cardmock-control').map((op) => compileOperation(op, params, bodies));
  const dispatch = handlerMap(document);

  return {
    handle(request) {
      const allowed: string[] = [];
      for (const operation of operations) {
        const raw = operation.match(request.path);
        if (!raw) continue;
        if (operation.spec.method !== request.method.toLowerCase()) {
          allowed.push(operation.spec.method.toUpperCase());
          continue;
        }
        const named = sessionName(request.headers);
        if (!named.ok) return error(400, 'INVALID_REQUEST', 'The control request is invalid.', [`header ${SESSION_HEADER} ${named.message}`]);
        const { maxBodyDepth } = engine.limits;
        if (request.body && jsonDepth(request.body, maxBodyDepth) > maxBodyDepth) {
          return error(400, 'INVALID_REQUEST', 'The control request is invalid.', [`body ${limitMessage.depth(maxBodyDepth)}`]);
        }
        const { request: validated, problems } = operation.validate(request, raw);
        if (problems.length > 0) return error(400, 'INVALID_REQUEST', 'The control request is invalid.', describe(problems));
        const session = engine.store.enter(named.id);
        try {
          return dispatch.get(operation.spec.operationId)!(engine, session, validated, request);
        } finally {
          engine.store.leave(session);
        }
      }
      if (allowed.length > 0) {
        const r = error(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${request.path}`);
        return { ...r, headers: { ...r.headers, allow: allowed.join(', ') } };
      }
      return error(404, 'NOT_FOUND', `No control endpoint at ${request.method} ${request.path}`);
    },
  };
}

type Dispatch = (engine: Engine, session: Session, request: ValidatedRequest<any>, raw: MockRequest) => MockResponse;

/**
 * Every control operation of the spec maps to a named handler. An operation without one is a
 * programmer error, found at start.
 */
export function handlerMap(document: OpenApiDocument): Map<string, Dispatch> {
  const map = new Map<string, Dispatch>();
  for (const [, item] of Object.entries(document.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (typeof op !== 'object' || op === null || !('operationId' in op)) continue;
      const { operationId } = op as { operationId: string };
      const named = handlers[operationId];
      if (named) map.set(operationId, (engine, session, request) => named(engine, session, request));
      else if (operationId === 'addFixtures') map.set(operationId, addFixtures);
      else throw new Error(`control operation ${operationId} has no handler`);
    }
  }
  return map;
}

/** A rule as the dashboard shows it: its sentence, and its source in words. */
const ruleSummary = (rule: Rule) => ({ id: rule.id, rule: rule.rule, provenance: rule.provenance, source: describeSource(rule.source) });

const describe = (problems: RequestProblem[]) => problems.map((p) => `${p.in} ${p.field} ${p.message}`.replace(/\s+/g, ' ').trim());
