/**
 * The control API under `/__cardmock` (specs/cardmock-control.openapi.yaml): reset, fixtures,
 * state, events, request log and fault rules, per session. Routed and validated by the same router
 * as the vendor endpoints (mocks/core/request/router.ts), compiled from the control spec; each
 * operation is a named handler (control-handlers.ts). Who may call it is the transport's guard.
 */
import { documents } from '../../generated/documents.ts';
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { operationsOf } from '../../specs/lib/operations.ts';
import { cardmockError as error } from '../core/cardmock-error.ts';
import type { Engine } from '../core/engine.ts';
import { compileRouter, route } from '../core/request/router.ts';
import { jsonDepth, limitMessage } from '../core/session/session-limits.ts';
import { sessionName } from '../core/session/session.ts';
import { SESSION_HEADER, type MockRequest, type MockResponse, type RequestProblem } from '../core/types.ts';
import { controlHandlers, type ControlCall, type ControlOperationId } from './control-handlers.ts';

export const CONTROL_PREFIX = '/__cardmock';

export interface ControlApi {
  /** Handle a request whose path starts with `/__cardmock`. */
  handle(request: MockRequest): MockResponse;
}

type Dispatch = (call: ControlCall<ControlOperationId>) => MockResponse;

export function createControlApi(engine: Engine): ControlApi {
  const document = documents['cardmock-control'];
  const operations = compileRouter(document, 'cardmock-control', operationsOf(document, 'cardmock-control'));
  const dispatch = handlerMap(document);
  return {
    handle(request) {
      const routed = route(operations, request.method, request.path);
      if (!routed.operation) {
        if (routed.allowed.length === 0) return error(404, 'NOT_FOUND', `No control endpoint at ${request.method} ${request.path}`);
        const refused = error(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${request.path}`);
        return { ...refused, headers: { ...refused.headers, allow: routed.allowed.join(', ') } };
      }
      const named = sessionName(request.headers);
      if (!named.ok) return invalid([`header ${SESSION_HEADER} ${named.message}`]);
      const { maxBodyDepth } = engine.limits;
      if (request.body && jsonDepth(request.body, maxBodyDepth) > maxBodyDepth) return invalid([`body ${limitMessage.depth(maxBodyDepth)}`]);
      const { request: validated, problems } = routed.operation.validate(request, routed.params);
      if (problems.length > 0) return invalid(problems.map(describe));
      const session = engine.store.enter(named.id);
      try {
        // Validated against the control spec: the request is what its operation's generated type says.
        return dispatch.get(routed.operation.spec.operationId)!({ engine, session, request: validated as ControlCall<ControlOperationId>['request'], received: request });
      } finally {
        engine.store.leave(session);
      }
    },
  };
}

/**
 * Every control operation of the spec maps to its named handler. An operation without one is a
 * programmer error, found at start.
 */
export function handlerMap(document: OpenApiDocument): Map<string, Dispatch> {
  const map = new Map<string, Dispatch>();
  for (const { operationId } of operationsOf(document, 'cardmock-control')) {
    const handler = controlHandlers[operationId as ControlOperationId] as Dispatch | undefined;
    if (!handler) throw new Error(`control operation ${operationId} has no handler`);
    map.set(operationId, handler);
  }
  return map;
}

const invalid = (details: string[]) => error(400, 'INVALID_REQUEST', 'The control request is invalid.', details);

const describe = (p: RequestProblem) => `${p.in} ${p.field} ${p.message}`.replace(/\s+/g, ' ').trim();
