/** Validates a request against its operation's spec and runs the vendor's handler on the session's state. */
import { ruleApplying } from '../../specs/lib/rules.ts';
import type { RequestProblem } from './compile-operation.ts';
import type { Credentials } from './credentials.ts';
import type { EngineContext, OperationCall } from './engine-context.ts';
import type { MockResponse } from './types.ts';
import { rejection } from './vendor.ts';

export function invokeOperation(context: EngineContext, call: OperationCall, state: unknown, credentials: Credentials): MockResponse {
  const { module, operation, session } = call;
  const operationId = operation.spec.operationId;
  const { request: validated, problems } = operation.validate(call.request, call.rawParams);
  if (problems.length > 0) return rejection(module, 'invalid', problems, operationId, validationRule(call.operation.spec.rules, problems));

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

/**
 * A documented rule the schema expresses keeps its own answer when it is all that is wrong (every
 * problem names it); anything else is the operation's `request-invalid` rule.
 */
function validationRule(rules: Parameters<typeof ruleApplying>[0], problems: RequestProblem[]): string | undefined {
  const named = problems[0]!.rule;
  if (named !== undefined && problems.every((p) => p.rule === named)) return named;
  return ruleApplying(rules, 'request-invalid')?.id;
}
