/**
 * Judges one exchange that no scenario provoked (traffic seen by `cardmock proxy`): the request is
 * matched to its documented operation and every check of the suite runs on it, through a synthetic
 * scenario whose expected status is the observed one. So the scenario-bound checks stay silent and
 * the others (`statusDocumented`, `bodyMatchesSchema`, `errorCodeDocumented`, …) judge exactly as in
 * `runScenario`, including how they honour `x-inferred`.
 */
import { CHECKS } from './checks/index.ts';
import type { CheckInput, Failure } from './checks/check.ts';
import type { ObservedResponse, SentRequest } from './http-client.ts';
import { matchOperation } from './match-operation.ts';
import { requestMatchesSpec } from './request-matches-spec.ts';
import type { Scenario } from './scenario.ts';
import { vendorSpec } from './spec-index.ts';

export const FAULT_HEADER = 'x-cardmock-fault';
/** Checks that judge a response's body: a truncated body is not theirs to judge. */
const BODY_CHECKS = new Set(['bodyMatchesSchema', 'errorCodeDocumented']);

export interface ExchangeInput {
  /** Names the exchange in failures (`#12 POST /v2/card`). */
  id: string;
  vendor: string;
  /** The request as sent upstream; `url` is relative to the vendor's base URL. */
  request: SentRequest;
  response: ObservedResponse;
  /** A curl line that sends the same request, attached to every failure. */
  reproduce?: string;
  /** Judging one of our own mocks: `x-inferred` failures are errors, not warnings. */
  ownMock?: boolean;
}

export interface Judgement {
  operationId?: string;
  /** The response breaks a documented rule. */
  errors: Failure[];
  /** Breaks only an `x-inferred` part of a spec (on a vendor: not something it documents). */
  warnings: Failure[];
  /** The request breaks the spec: the client is at fault. */
  requestProblems: Failure[];
}

export function judgeExchange(input: ExchangeInput): Judgement {
  const path = input.request.url.split('?')[0]!;
  const matched = matchOperation(input.vendor, input.request.method, path);
  if (!matched) {
    const documentedOps = vendorSpec(input.vendor).operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    const problem: Failure = {
      check: 'operationDocumented',
      operation: `${input.vendor} (none)`,
      scenario: input.id,
      expected: `one of ${documentedOps.join(', ')}`,
      actual: `${input.request.method} ${path}`,
      hint: 'The client called an endpoint this spec does not document.',
      ...(input.reproduce ? { reproduce: input.reproduce } : {}),
    };
    return { errors: [], warnings: [], requestProblems: [problem] };
  }
  const { operation } = matched;
  const scenario: Scenario = {
    id: input.id,
    title: `${input.request.method} ${path} (observed)`,
    vendor: input.vendor,
    operationId: operation.operationId,
    status: input.response.status,
    // No scenario provoked it: only the rules every answer keeps (the promises of success rules among them).
    rule: '',
    // A fault the client asked cardmock for is no server error of the implementation.
    ...(input.request.headers[FAULT_HEADER] ? { fault: true } : {}),
    request: () => ({ path: {} }),
  };
  const documented = operation.responses.find((r) => r.status === input.response.status);
  const checkInput: CheckInput = { scenario, rule: undefined, operation, request: input.request, response: input.response, step: 'main', expectedStatus: input.response.status, documented };
  const withReproduce = (f: Failure): Failure => (input.reproduce ? { ...f, reproduce: input.reproduce } : f);
  const failures = CHECKS.flatMap((check) => check(checkInput))
    .filter((f) => !(input.response.truncated && BODY_CHECKS.has(f.check)))
    .map(withReproduce);
  const requestFailures = requestMatchesSpec(checkInput).map(withReproduce);
  const hard = (f: Failure) => input.ownMock || !f.inferred;
  return {
    operationId: operation.operationId,
    errors: failures.filter(hard),
    warnings: [...failures, ...requestFailures].filter((f) => !hard(f)),
    requestProblems: requestFailures.filter(hard),
  };
}
