/**
 * A routed request's way to its vendor operation: faults first, then credentials (their syntax,
 * then the vendor's rules), session limits, validation and the handler.
 */
import { answerFault } from './answer-fault.ts';
import { readCredentials, type CredentialsResult } from './credentials.ts';
import { withinSessionLimits } from './enforce-session-limits.ts';
import type { EngineContext, OperationCall } from './engine-context.ts';
import { invokeOperation } from './invoke-operation.ts';
import type { MockResponse } from './types.ts';
import { vendorState } from './vendor-state.ts';

export async function runOperation(context: EngineContext, call: OperationCall): Promise<MockResponse> {
  const faulted = await answerFault(context, call);
  if (faulted) return faulted;
  const { module, session } = call;
  const operationId = call.operation.spec.operationId;
  const credentials = readCredentials(call.operation.spec, call.request.headers.authorization);
  if (!credentials.ok) {
    return module.reject('unauthorized', [{ in: 'header', field: 'authorization', message: credentialsMessage(credentials) }], operationId);
  }
  const created = !session.states.has(module.name);
  const state = vendorState(session, module);
  const denied = module.authenticate?.(credentials.credentials, state, operationId, context.clock);
  const response =
    denied ?? withinSessionLimits(context.limits, context.store, call, () => invokeOperation(context, call, state, credentials.credentials));
  // A rejected request leaves nothing behind: not even the default state it was checked against.
  if (created && response.status >= 300 && session.tasks.length === 0) session.states.delete(module.name);
  return response;
}

function credentialsMessage(result: Extract<CredentialsResult, { ok: false }>): string {
  return result.reason === 'missing'
    ? `credentials are required (${result.expected.join(' or ')})`
    : `must be ${result.expected.join(' or ')} credentials`;
}
