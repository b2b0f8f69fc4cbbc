/** Per-session limits, checked before the domain sees the request; an accepted body counts as stored. */
import type { OperationCall } from './engine-context.ts';
import { countEntities, jsonDepth, limitMessage, storedBytesLimit, utf8Length, type SessionLimits } from './session-limits.ts';
import type { SessionStore } from './session-store.ts';
import type { MockResponse } from './types.ts';
import { rejection } from './vendor.ts';

export function withinSessionLimits(limits: SessionLimits, store: SessionStore, call: OperationCall, next: () => MockResponse): MockResponse {
  const { module, request, session } = call;
  const bodyBytes = request.body ? utf8Length(request.body) : 0;
  if (bodyBytes > 0 && jsonDepth(request.body!, limits.maxBodyDepth) > limits.maxBodyDepth) {
    return refuse(call, limitMessage.depth(limits.maxBodyDepth));
  }
  const maxStored = storedBytesLimit(limits);
  if (session.storedBytes + bodyBytes > maxStored) {
    return refuse(call, limitMessage.storedBytes(maxStored));
  }
  if (countEntities(session.states.get(module.name)) >= limits.maxEntities) {
    return refuse(call, limitMessage.entities(limits.maxEntities));
  }
  const response = next();
  if (response.status < 300 && bodyBytes > 0) store.store(session, bodyBytes);
  return response;
}

const refuse = (call: OperationCall, message: string) =>
  rejection(call.module, 'invalid', [{ in: 'body', field: '', message }], call.operation.spec.operationId, 'cardmock.session-limits');
