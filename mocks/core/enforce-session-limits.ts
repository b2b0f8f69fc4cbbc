/** Per-session limits, checked before the domain sees the request; an accepted body counts as stored. */
import type { OperationCall } from './engine-context.ts';
import { countEntities, jsonDepth, limitMessage, type SessionLimits } from './session-limits.ts';
import type { MockResponse } from './types.ts';

export function withinSessionLimits(limits: SessionLimits, call: OperationCall, next: () => MockResponse): MockResponse {
  const { module, request, session } = call;
  const operationId = call.operation.spec.operationId;
  const bodyLength = request.body?.length ?? 0;
  if (bodyLength > 0 && jsonDepth(request.body!, limits.maxBodyDepth) > limits.maxBodyDepth) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.depth(limits.maxBodyDepth) }], operationId);
  }
  if (session.storedBytes + bodyLength > limits.maxStoredBytes) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.storedBytes(limits.maxStoredBytes) }], operationId);
  }
  if (countEntities(session.states.get(module.name)) >= limits.maxEntities) {
    return module.reject('invalid', [{ in: 'body', field: '', message: limitMessage.entities(limits.maxEntities) }], operationId);
  }
  const response = next();
  if (response.status < 300) session.storedBytes += bodyLength;
  return response;
}
