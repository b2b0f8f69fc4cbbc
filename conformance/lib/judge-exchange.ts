/**
 * Judges one exchange that no scenario provoked (traffic seen by `cardmock proxy`): the request is
 * matched to its documented operation and every check of the suite runs on it, through a synthetic
 * scenario whose expected status is the observed one. So the scenario-bound checks stay silent and
 * the others (`statusDocumented`, `bodyMatchesSchema`, `errorCodeDocumented`, …) judge exactly as in
 * `runScenario`, including how they honour `x-inferred`.
 */
import { examplesOf } from '../../specs/lib/operations.ts';
import { CHECKS } from './checks/index.ts';
import type { CheckInput, Failure } from './checks/check.ts';
import { identifyingLeaves } from './checks/error-code-documented.ts';
import type { ObservedResponse, SentRequest } from './http-client.ts';
import { matchOperation } from './match-operation.ts';
import { requestMatchesSpec } from './request-matches-spec.ts';
import type { Scenario } from './scenario.ts';
import { vendorSpec } from './spec-index.ts';

export const FAULT_HEADER = 'x-cardmock-fault';

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

const leafAt = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);

/** Keys that carry an error's code, as opposed to its (often dynamic) message. */
const CODE_KEYS = /\/(code|errorCode)$/;

const codesOf = (value: unknown) => [...identifyingLeaves(value)].filter(([pointer]) => CODE_KEYS.test(pointer));

/**
 * The documented example an error body should have been, when it carries a code the spec documents
 * for another status of the operation (a wrong documented code): `errorCodeDocumented` then judges
 * it against that example. A code documented for this status, or documented nowhere, is not judged:
 * the vendors' example lists are not exhaustive, and their messages vary with the input.
 */
function exampleItShouldBe(input: CheckInput): string | undefined {
  const { documented, response, operation } = input;
  if (!documented || response.status < 400) return undefined;
  const document = vendorSpec(operation.spec).document;
  const sent = codesOf(response.json);
  if (sent.length === 0) return undefined;
  const carries = (example: { value: unknown }) => codesOf(example.value).some(([p, v]) => sent.some(([q, w]) => p === q && v === w));
  const own = examplesOf(document, documented);
  if (own.some(carries)) return undefined;
  const elsewhere = operation.responses.filter((r) => r.status !== documented.status).some((r) => examplesOf(document, r).some(carries));
  if (!elsewhere) return undefined;
  let best: { name: string; score: number } | undefined;
  for (const example of own) {
    const leaves = [...identifyingLeaves(example.value)];
    const score = leaves.filter(([p, v]) => leafAt(response.json, p) === v).length;
    if (leaves.length > 0 && (!best || score > best.score)) best = { name: example.name, score };
  }
  return best?.name;
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
    // A fault the client asked cardmock for is no server error of the implementation.
    ...(input.request.headers[FAULT_HEADER] ? { fault: true } : {}),
    request: () => ({ path: {} }),
  };
  const documented = operation.responses.find((r) => r.status === input.response.status);
  const checkInput: CheckInput = { scenario, operation, request: input.request, response: input.response, step: 'main', expectedStatus: input.response.status, documented };
  const example = exampleItShouldBe(checkInput);
  if (example) scenario.example = example;
  const withReproduce = (f: Failure): Failure => (input.reproduce ? { ...f, reproduce: input.reproduce } : f);
  const failures = CHECKS.flatMap((check) => check(checkInput)).map(withReproduce);
  const requestFailures = requestMatchesSpec(checkInput).map(withReproduce);
  const hard = (f: Failure) => input.ownMock || !f.inferred;
  return {
    operationId: operation.operationId,
    errors: failures.filter(hard),
    warnings: [...failures, ...requestFailures].filter((f) => !hard(f)),
    requestProblems: requestFailures.filter(hard),
  };
}
