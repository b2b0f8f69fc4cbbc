/**
 * The matrix is honest: a row passes only when its answer came back; passing on warnings alone is
 * `warned`, counted apart; a documented alternative keeps the rule but does not pass the status it
 * stands in for; a rule with neither a scenario nor a reason is missing and fails the run.
 */
import { describe, expect, it } from 'vitest';
import type { Failure } from './checks/check.ts';
import { buildMatrix } from './matrix.ts';
import type { ScenarioResult } from './run.ts';

const vendor = 'exchange-solutions';
const operationId = 'addCardsToAccount';
const warning: Failure = { check: 'ruleKept', operation: 'x', scenario: 's', expected: '400', actual: '401', hint: '', inferred: { part: 'p', why: 'w' } };
const result = (id: string, rule: string, status: number, observed: number, warnings: Failure[] = []): ScenarioResult => ({
  id, title: id, vendor, operationId, status, rule, observed, outcome: 'passed', errors: [], warnings, ms: 1,
});
const rowsOf = (results: ScenarioResult[], unprovokable = []) => buildMatrix({ vendors: [vendor], results, unprovokable });

describe('coverage matrix', () => {
  it('passes a status and a rule only when their answer came back; on warnings alone they are warned', () => {
    const m = rowsOf([result('a', 'exchange-solutions.add-cards.session-exists', 400, 401, [warning])]);
    expect(m.rows.find((r) => r.status === 400)).toMatchObject({ outcome: 'warned', reason: 'passed on warnings only: got 401' });
    expect(m.rules.find((r) => r.rule === 'exchange-solutions.add-cards.session-exists')).toMatchObject({ outcome: 'warned' });
    const kept = rowsOf([result('a', 'exchange-solutions.add-cards.session-exists', 400, 400)]);
    expect(kept.rows.find((r) => r.status === 400)!.outcome).toBe('passed');
    expect(kept.rules.find((r) => r.rule === 'exchange-solutions.add-cards.session-exists')!.outcome).toBe('passed');
  });

  it('a documented alternative keeps the rule, and says its status was not provoked', () => {
    const m = rowsOf([result('closed', 'exchange-solutions.add-cards.account-not-closed', 400, 401)]);
    expect(m.rules.find((r) => r.rule === 'exchange-solutions.add-cards.account-not-closed')).toMatchObject({ outcome: 'passed', answers: ['400 ACCOUNT_CLOSED_OR_DECEASED', '401 ACCOUNT_CLOSED'] });
    expect(m.rows.find((r) => r.status === 400)).toMatchObject({ outcome: 'not-provokable', reason: 'the target answers with the documented alternative 401' });
  });

  it('a rule with no scenario and no reason is missing, and the matrix incomplete; a stated reason fills it', () => {
    const m = rowsOf([]);
    expect(m.rules.filter((r) => r.outcome === 'missing').length).toBe(m.rules.length);
    expect(m.complete).toBe(false);
    const rule = 'exchange-solutions.add-cards.card-limit';
    const stated = buildMatrix({ vendors: [vendor], results: [], unprovokable: [{ vendor, operationId, rule, reason: 'why' }] });
    expect(stated.rules.find((r) => r.rule === rule)).toMatchObject({ outcome: 'unprovokable', reason: 'why' });
  });

  it('a failure outranks everything', () => {
    const failed = { ...result('b', 'exchange-solutions.add-cards.card-limit', 400, 200), outcome: 'failed' as const };
    const m = rowsOf([result('a', 'exchange-solutions.add-cards.card-limit', 400, 400), failed]);
    expect(m.rules.find((r) => r.rule === 'exchange-solutions.add-cards.card-limit')!.outcome).toBe('failed');
  });
});
