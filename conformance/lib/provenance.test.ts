/**
 * The principle, tested on single answers a vendor could give: when a documented rule refuses a
 * request, a success is a failure even when the status or code we expect is our guess; a different
 * refusal is then a warning naming the guess; a documented code that differs from the documented
 * example is a failure, whatever other examples of that status are guesses. Every check applies
 * provenance the same way.
 */
import { describe, expect, it } from 'vitest';
import { scenarios } from '../cases/index.ts';
import { CHECKS } from './checks/index.ts';
import type { Failure } from './checks/check.ts';
import { buildRequest, type ObservedResponse } from './http-client.ts';
import { operation, ruleOf } from './spec-index.ts';
import type { Target } from './target.ts';

const target = { authorization: () => 'Bearer t', capabilities: { control: false, mutations: true } } as unknown as Target;
const FIXTURES = { assignedCardId: '9c1d8a52-2f4e-4c7b-a1d6-0e5b7f3c2a10', unboundCardId: 7001, customerId: 'C1', unassignedCardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24', targetCustomerId: 'C2', activeSessionId: 'S1', accountId: 1001, customerId2: 1, otherAccountId: 1002, otherAccountCustomerId: 2003, seriesId: 224, auditUser: 'me', mainAccountId: 'A1', applicationAccountId: 'A2' };

/** The failures of every check on the judged answer of a scenario, split as a sandbox sees them. */
function judge(id: string, status: number, body?: unknown): { errors: Failure[]; warnings: Failure[] } {
  const scenario = scenarios.find((s) => s.id === id)!;
  const op = operation(scenario.vendor, scenario.operationId);
  const request = buildRequest(op, scenario.request(FIXTURES), target);
  const text = body === undefined ? '' : JSON.stringify(body);
  const mediaType = Object.keys(op.responses.find((r) => r.status === status)?.content ?? {})[0] ?? 'application/json';
  const response: ObservedResponse = { status, headers: text ? { 'content-type': mediaType } : {}, text, json: body, ms: 1 };
  const documented = op.responses.find((r) => r.status === status);
  const input = { scenario, rule: ruleOf(scenario.vendor, scenario.rule), operation: op, request, response, step: 'main' as const, expectedStatus: scenario.status, documented, history: [] };
  const failures = CHECKS.flatMap((check) => check(input));
  return { errors: failures.filter((f) => !f.inferred), warnings: failures.filter((f) => f.inferred) };
}
const checks = (failures: Failure[]) => failures.map((f) => f.check);
const paysafeError = (code: string) => ({ error: { code, message: 'm' } });

describe('provenance: a documented rule that refuses', () => {
  it('fails a vendor that accepts, though our status and code for it are guesses (Paysafe: card of another customer)', () => {
    const { errors } = judge('paysafe.assign.404-card-of-other-customer', 200, { cardId: FIXTURES.unassignedCardId, customerId: 'C2', targetCustomerId: 'C2' });
    expect(checks(errors)).toEqual(['ruleKept']);
    expect(errors[0]!.expected).toBe('404 NO_SUCH_CARD (paysafe.assign.card-of-customer)');
  });

  it('warns about a vendor that refuses another way, naming the guess', () => {
    const { errors, warnings } = judge('paysafe.assign.404-card-of-other-customer', 400, paysafeError('DW-CARD-NOT-OWNED'));
    expect(errors).toEqual([]);
    expect(checks(warnings)).toContain('ruleKept');
    expect(warnings.find((w) => w.check === 'ruleKept')!.inferred!.part).toBe('paysafe assignBulkCard 404 NO_SUCH_CARD');
  });

  it('warns when the answer rests on an inferred example: ES unknown session answered 401 API_VALIDATION (the page\'s 401 code)', () => {
    const { errors, warnings } = judge('exchange-solutions.add-cards.400-session-unknown', 401, { errorCode: 'API_VALIDATION', errorMessage: 'Account status is CLOSED.' });
    expect(errors).toEqual([]);
    expect(checks(warnings)).toEqual(['ruleKept']);
  });

  it("fails a code of the vendor's own where the page documents this case's code, whatever other 400 examples are guesses", () => {
    const { errors } = judge('paysafe.assign.400-already-assigned', 400, paysafeError('DW-MY-OWN-CODE'));
    expect(checks(errors)).toEqual(['errorCodeDocumented']);
    expect(errors[0]!.expected).toMatch(/^ALREADY_ASSIGNED_CARD: \/error\/code="DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD"/);
  });
});

describe('provenance: every check the same way', () => {
  it("an inferred status (Enfuce's 401): a refusal with another status warns, a success fails", () => {
    const refused = judge('enfuce.create.401-no-credentials', 403, { title: 'Forbidden', status: 403 });
    expect(refused.errors.filter((f) => f.check !== 'statusDocumented')).toEqual([]);
    expect(checks(refused.warnings)).toContain('ruleKept');
    const accepted = judge('enfuce.create.401-no-credentials', 201, { mainId: '1', applications: [] });
    expect(checks(accepted.errors)).toEqual(['ruleKept']);
  });

  it('an inferred rule (Pismo: a token of another account) accepted is a warning naming the rule', () => {
    const { errors, warnings } = judge('pismo.bind.403-token-other-account', 202);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.inferred!.part)).toEqual(['pismo.bind.token-of-account']);
  });

  it('a documented promise of a success: Paysafe 200 without the targetCustomerId its example shows fails; the inferred `required` only warns', () => {
    const { errors, warnings } = judge('paysafe.assign.200-assign', 200, { cardId: FIXTURES.unassignedCardId, customerId: 'C1' });
    expect(checks(errors)).toEqual(['promisesKept']);
    expect(checks(warnings)).toEqual(['bodyMatchesSchema']);
  });

  it("a body the page shows keeps its weight though the page names no status for it (Capillary's 200)", () => {
    const { errors } = judge('capillary.add.200-by-series-id', 200, { entity: 'not a number', warnings: [] });
    expect(checks(errors)).toEqual(['bodyMatchesSchema']);
    const elsewhere = judge('capillary.add.200-by-series-id', 201, { entity: 1, warnings: [] });
    expect(checks(elsewhere.errors)).toEqual(['statusDocumented']);
  });

  it("hints never call cardmock's inferred code the vendor's (Capillary's 200 warning code)", () => {
    const { errors, warnings } = judge('capillary.add.200-by-series-id', 200, { entity: 1, warnings: [{ status: false, code: 1234, message: 'x' }] });
    expect(errors).toEqual([]);
    const code = warnings.find((w) => w.check === 'errorCodeDocumented')!;
    expect(code.expected).toBe("/warnings/0/code: the vendor documents no code for 200 (cardmock's guess: 8015)");
    expect(code.hint).not.toMatch(/vendor documents for it/);
  });
});
