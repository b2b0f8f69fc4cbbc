/** Validates a request against its operation's spec and runs the vendor's handler on the session's state. */
import type { Credentials } from './credentials.ts';
import type { EngineContext, OperationCall } from './engine-context.ts';
import type { MockResponse } from './types.ts';

export function invokeOperation(context: EngineContext, call: OperationCall, state: unknown, credentials: Credentials): MockResponse {
  const { module, operation, session } = call;
  const operationId = operation.spec.operationId;
  const { request: validated, problems } = operation.validate(call.request, call.rawParams);
  if (problems.length > 0) return module.reject('invalid', problems, operationId);

  const handler = module.operations[operationId]!;
  const response = handler({
    state,
    request: validated,
    credentials,
    clock: context.clock,
    settings: context.settings,
    emit: (type, payload) => context.store.emit(session, module.name, type, payload),
    schedule: (delayMs, transition) => context.store.schedule(session, module.name, delayMs, transition),
  });
  // Only documented statuses leave a mock: a handler answering another is a bug in that handler.
  if (!module.responses.statuses(operationId).includes(response.status)) {
    throw new Error(`${module.name} ${operationId} answered ${response.status}, which its spec does not document`);
  }
  return response;
}
