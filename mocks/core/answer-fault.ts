/**
 * The fault a request meets, from its own headers or else the session's rules: waited out, then
 * answered with the operation's documented example for the fault's status.
 */
import { ruleApplying } from '../../specs/lib/rules.ts';
import type { EngineContext, OperationCall } from './engine-context.ts';
import { faultFromHeaders, takeFault } from './faults.ts';
import type { MockResponse } from './types.ts';
import { rejection } from './vendor.ts';

/** The fault's answer, or undefined when the request goes on to the operation. */
export async function answerFault(context: EngineContext, call: OperationCall): Promise<MockResponse | undefined> {
  const { module, request, session } = call;
  const operationId = call.operation.spec.operationId;
  const fromHeaders = faultFromHeaders(request, module.responses.statuses(operationId));
  if (!fromHeaders.ok) {
    return rejection(module, 'invalid', [{ in: 'header', field: fromHeaders.field, message: fromHeaders.message }], operationId, 'cardmock.control-headers');
  }
  const fault = fromHeaders.fault ?? takeFault(session, module.name, operationId);
  if (fault && fault.delayMs > 0) {
    await context.sleep(fault.delayMs, request.client);
    // A client that gave up while waiting gets nothing, so nothing may change on its behalf.
    if (request.client?.gone) {
      return rejection(module, 'invalid', [{ in: 'header', field: 'connection', message: 'the client went away before the delay ended; nothing was changed' }], operationId, 'cardmock.client-gone');
    }
    context.store.settle(session);
  }
  if (fault?.status === undefined) return undefined;
  // The catalogue's rule for a failure of that status (a 500, a 503), else cardmock's own.
  const rule = ruleApplying(call.operation.spec.rules, 'fault', fault.status)?.id ?? 'cardmock.fault';
  return { ...module.responses.example(operationId, fault.status), rule };
}
