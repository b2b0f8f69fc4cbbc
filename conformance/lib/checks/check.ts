/**
 * A check is a small named rule run on every response. It returns the ways the response breaks
 * the rule, each with what was expected, what came back and a hint at the fix.
 */
import type { DocumentedResponse, OperationSpec } from '../../../specs/lib/operations.ts';
import type { Rule } from '../../../specs/lib/rules.ts';
import type { ObservedResponse, SentRequest } from '../http-client.ts';
import type { Basis } from '../provenance.ts';
import type { Scenario } from '../scenario.ts';

export interface CheckInput {
  scenario: Scenario;
  /** The rule the scenario isolates; undefined for an exchange no scenario provoked (traffic a proxy saw). */
  rule: Rule | undefined;
  operation: OperationSpec;
  request: SentRequest;
  response: ObservedResponse;
  /** The judged request, or a setup step. */
  step: 'setup' | 'main';
  /** The status the judged request must get (the rule's answer), or the one observed for traffic. */
  expectedStatus: number;
  /** What a setup step must get. */
  setupExpects?: 'success' | 'refusal';
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
   * The expectation rests on a part of the spec that is cardmock's guess (provenance.ts), named
   * here: an error on our mocks, a warning elsewhere, grouped by `part` in reports. Undefined:
   * documented by the vendor.
   */
  inferred?: Basis | undefined;
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
