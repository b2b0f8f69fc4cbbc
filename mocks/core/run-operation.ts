/**
 * A routed request's way to its vendor operation: faults first, then credentials (their syntax,
 * then the vendor's rules), session limits, validation and the handler.
 */
import { ruleApplying } from '../../specs/lib/rules.ts';
import { answerFault } from './answer-fault.ts';
import { CARDMOCK_RULES } from './cardmock-rules.ts';
import { readCredentials, type CredentialsResult } from './credentials.ts';
import { withinSessionLimits } from './enforce-session-limits.ts';
import type { EngineContext, OperationCall } from './engine-context.ts';
import { invokeOperation } from './invoke-operation.ts';
import type { MockResponse } from './types.ts';
import { rejection } from './vendor.ts';
import { vendorState } from './vendor-state.ts';

export async function runOperation(context: EngineContext, call: OperationCall): Promise<MockResponse> {
  const faulted = await answerFault(context, call);
  if (faulted) return faulted;
  const { module, session } = call;
  const operationId = call.operation.spec.operationId;
  const credentials = readCredentials(call.operation.spec, call.request.headers.authorization);
  if (!credentials.ok) {
    const rule = ruleApplying(call.operation.spec.rules, `credentials-${credentials.reason}`)?.id;
    return rejection(module, 'unauthorized', [{ in: 'header', field: 'authorization', message: credentialsMessage(credentials) }], operationId, rule);
  }
  const created = !session.states.has(module.name);
  const state = vendorState(session, module);
  const denied = module.authenticate?.(credentials.credentials, state, operationId, context.clock);
  const response =
    denied ?? withinSessionLimits(context.limits, context.store, call, () => invokeOperation(context, call, state, credentials.credentials));
  // A rejected request leaves nothing behind: not even the default state it was checked against.
  if (created && response.status >= 300 && session.tasks.length === 0) session.states.delete(module.name);
  // Every answer of a catalogued operation names its rule: an answer without one is a bug in the vendor's module.
  if (call.operation.ruleIds.size > 0 && !(response.rule !== undefined && (call.operation.ruleIds.has(response.rule) || response.rule in CARDMOCK_RULES))) {
    throw new Error(`${module.name} ${operationId} answered ${response.status} under ${response.rule ?? 'no rule'}, which its catalogue does not hold`);
  }
  return response;
}

function credentialsMessage(result: Extract<CredentialsResult, { ok: false }>): string {
  return result.reason === 'missing'
    ? `credentials are required (${result.expected.join(' or ')})`
    : `must be ${result.expected.join(' or ')} credentials`;
}
