import { answersOf, type Rule } from '../../../specs/lib/rules.ts';
import { expectationBasis, firstBasis, scenarioAnswerBasis, statusBasis } from '../provenance.ts';
import type { Scenario } from '../scenario.ts';
import { defineCheck } from './check.ts';

const isSuccess = (status: number) => status >= 200 && status < 300;
const isRefusal = (status: number) => status >= 400 && status < 500;

/** What the rule's answers are, as a reader sees them: `400 ACCOUNT_CLOSED_OR_DECEASED or 401 ACCOUNT_CLOSED`. */
const answerText = (rule: Rule) => answersOf(rule).map((a) => `${a.status}${a.example ? ` ${a.example}` : ''}`).join(' or ');

function hintFor(rule: Rule, intent: Scenario['intent'], observed: number): string {
  const refusedCredentials = (observed === 401 || observed === 403) && intent !== 'no-auth' && !answersOf(rule).some((a) => a.status === observed);
  if (refusedCredentials) return `The target refused the credentials (${observed}): check --auth, or the credentials the fixtures give. The rule: ${rule.rule}`;
  if (intent === 'invalid-input') return `Validate the request against the spec before it reaches the domain and refuse it: ${rule.rule}`;
  if (intent === 'no-auth') return `Check credentials before anything else and refuse missing or invalid ones: ${rule.rule}`;
  return `The implementation does not keep the rule: ${rule.rule}`;
}

/**
 * A setup step gets the kind of answer the scenario needs (a success, or a refusal); when it does
 * not, the hint names the likely cause: credentials the target refused, or a fixture it lacks.
 */
function setupFailure(scenario: Scenario, expect: 'success' | 'refusal', observed: number) {
  const hint =
    observed === 401 || observed === 403
      ? `The target refused the credentials of a setup step (${observed}): check --auth, or the credentials the fixtures give.`
      : `A setup step did not get ${expect === 'success' ? 'a success' : 'a refusal'}: check that the fixtures name entities the target has (cardmock conform --plan lists them).`;
  return { expected: expect === 'success' ? 'a success (2xx) of the setup step' : 'a refusal (4xx) of the setup step', actual: String(observed), hint, inferred: expectationBasis(scenario) };
}

/**
 * The judged request is answered as the scenario's rule says: with its status (or a documented
 * alternative). When it is not, provenance decides the severity: a documented rule that refuses
 * fails a vendor that accepts, even where our status or code is a guess; a different refusal then
 * warns, naming the guess (and the other way round for a rule that accepts).
 */
export const ruleKept = defineCheck('ruleKept', ({ scenario, rule, operation, response, expectedStatus, step, setupExpects }) => {
  if (step === 'setup') {
    const expect = setupExpects ?? 'success';
    const ok = expect === 'success' ? isSuccess(response.status) : isRefusal(response.status);
    return ok ? [] : [setupFailure(scenario, expect, response.status)];
  }
  const answers = [{ status: expectedStatus }, ...(scenario.alternatives ?? [])];
  if (!rule || answers.some((a) => a.status === response.status)) return [];
  const refuses = rule.answer.status >= 400;
  const sameKind = refuses ? !isSuccess(response.status) : isSuccess(response.status);
  const inferred = sameKind
    ? refuses
      ? scenarioAnswerBasis(scenario)
      : firstBasis(expectationBasis(scenario), statusBasis(operation, rule.answer.status))
    : expectationBasis(scenario);
  return [
    {
      expected: `${answerText(rule)} (${rule.id})`,
      actual: String(response.status),
      hint: hintFor(rule, scenario.intent, response.status),
      inferred,
    },
  ];
});
