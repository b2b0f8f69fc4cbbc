/** Per-session limits, checked before the domain sees the request; an accepted body counts as stored. */
import type { OperationCall } from './engine-context.ts';
import { countEntities, jsonDepth, limitMessage, storedBytesLimit, utf8Length, type SessionLimits } from './session-limits.ts';
import type { SessionStore } from './session-store.ts';
import type { MockResponse } from './types.ts';

export function withinSessionLimits(limits: SessionLimits, store: SessionStore, call: OperationCall, next: () => MockResponse): MockResponse {
  const { module, request, session } = call;
  const operationId = call.operation.spec.operationId;
  const bodyBytes = request.body ? utf8Length(request.body) : 0;
  if (bodyBytes > 0 && jsonDepth(request.body!, limits.maxBodyDepth) > limits.maxBodyDepth) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.depth(limits.maxBodyDepth) }], operationId);
  }
  const maxStored = storedBytesLimit(limits);
  if (session.storedBytes + bodyBytes > maxStored) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.storedBytes(maxStored) }], operationId);
  }
  if (countEntities(session.states.get(module.name)) >= limits.maxEntities) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.entities(limits.maxEntities) }], operationId);
  }
  const response = next();
  if (response.status < 300 && bodyBytes > 0) store.store(session, bodyBytes);
  return response;
}
