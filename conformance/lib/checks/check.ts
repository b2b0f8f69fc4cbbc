/**
 * A check is a small named rule run on every response. It returns the ways the response breaks
 * the rule, each with what was expected, what came back and a hint at the fix.
 */
import type { DocumentedResponse, OperationSpec } from '../../../specs/lib/operations.ts';
import type { ObservedResponse, SentRequest } from '../http-client.ts';
import type { Scenario } from '../scenario.ts';

export interface CheckInput {
  scenario: Scenario;
  operation: OperationSpec;
  request: SentRequest;
  response: ObservedResponse;
  /** The judged request, or a setup step (whose status is compared with `expectedStatus`). */
  step: 'setup' | 'main';
  expectedStatus: number;
  /** The response's documented status, if it has one. */
  documented: DocumentedResponse | undefined;
  /** Earlier exchanges of the same scenario (its setup steps), oldest first. */
  history?: { request: SentRequest; response: ObservedResponse }[];
  /** The session's state of the vendor before and after the judged request, where the target has a control API. */
  state?: { before: unknown; after: unknown };
}

export interface Failure {
  check: string;
  operation: string;
  scenario: string;
  expected: string;
  actual: string;
  hint: string;
  /**
   * The expectation rests only on an `x-inferred` part of the spec, named here (`x-inferred at
   * #/components/…`): an error on our mocks, a warning elsewhere. Undefined: documented by the vendor.
   */
  inferred?: string | undefined;
  /** A curl command that sends the same request (credentials included: reports redact them). */
  reproduce?: string;
}

export type Check = ((input: CheckInput) => Failure[]) & { checkName: string };

/** Declare a check: the name is what reports and self-tests refer to. */
export function defineCheck(checkName: string, run: (input: CheckInput) => Omit<Failure, 'check' | 'operation' | 'scenario'>[]): Check {
  const check = (input: CheckInput) =>
    run(input).map((f) => ({ check: checkName, operation: `${input.operation.spec} ${input.operation.operationId}`, scenario: input.scenario.id, ...f }));
  return Object.assign(check, { checkName });
}

/**
 * A body as a failure shows it. Not cut to display length here: a cut before redaction could keep
 * half a secret, so reports cut after redacting (`redactFailure`). The bound only keeps a failure
 * of a huge body small until then.
 */
const PREVIEW_MAX = 16 * 1024;
export const preview = (text: string) => text.slice(0, PREVIEW_MAX) || '(empty)';
