/** Per-session limits, checked before the domain sees the request; an accepted body counts as stored. */
import type { OperationCall } from './engine-context.ts';
import { countEntities, jsonDepth, limitMessage, type SessionLimits } from './session-limits.ts';
import type { MockResponse } from './types.ts';
import { rejection } from './vendor.ts';

export function withinSessionLimits(limits: SessionLimits, call: OperationCall, next: () => MockResponse): MockResponse {
  const { module, request, session } = call;
  const bodyLength = request.body?.length ?? 0;
  if (bodyLength > 0 && jsonDepth(request.body!, limits.maxBodyDepth) > limits.maxBodyDepth) {
    return refuse(call, limitMessage.depth(limits.maxBodyDepth));
  }
  if (session.storedBytes + bodyLength > limits.maxStoredBytes) {
    return refuse(call, limitMessage.storedBytes(limits.maxStoredBytes));
  }
  if (countEntities(session.states.get(module.name)) >= limits.maxEntities) {
    return refuse(call, limitMessage.entities(limits.maxEntities));
  }
  const response = next();
  if (response.status < 300) session.storedBytes += bodyLength;
  return response;
}

const refuse = (call: OperationCall, message: string) =>
  rejection(call.module, 'invalid', [{ in: 'body', field: '', message }], call.operation.spec.operationId, 'cardmock.session-limits');
