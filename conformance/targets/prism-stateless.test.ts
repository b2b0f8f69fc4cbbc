/**
 * The suite judges an implementation we did not write: Prism's stateless mock. It answers from the
 * documented examples, so it cannot honour stateful rules. The suite must say so, with the right
 * check, for exactly the scenarios that need state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios, unprovokable } from '../cases/index.ts';
import { runConformance, type RunReport } from '../lib/run.ts';
import { prismStatelessTarget } from './prism-targets.ts';
import type { StartedTarget } from './mock-targets.ts';

/**
 * Scenarios of documented rules that need state (what exists, what was done before) or answers
 * built from the request, which an example-based mock cannot keep: it answers every valid request
 * with the same example. Rules cardmock infers (Pismo's 403s, its reissued card of another account,
 * Capillary's warned customer, ES's open accounts) are warnings on a target that is not ours, so
 * they are not here.
 */
const STATEFUL = [
  'capillary.add.400-expired-series',
  'capillary.add.401-clear-password',
  'capillary.add.401-unknown-till',
  'capillary.add.403-read-only-till',
  'capillary.add.404-series-code-unknown',
  'capillary.add.404-series-unknown',
  'capillary.add.409-add-twice',
  'capillary.add.409-card-number-exists',
  'capillary.add.409-external-id-exists',
  'enfuce.create.201-error-not-stored',
  'enfuce.create.404-customer-unknown',
  'pismo.bind.400-card-unknown',
  'pismo.bind.400-reissued-card-unknown',
  'pismo.bind.401-expired-token',
  'pismo.bind.401-malformed-token',
  'pismo.bind.409-bind-twice',
  'pismo.bind.409-not-unbound',
  'paysafe.assign.400-assign-twice',
  'paysafe.assign.400-already-assigned',
  'paysafe.assign.400-target-unknown',
  'paysafe.assign.401-invalid-token',
  'paysafe.assign.404-card-of-other-customer',
  'paysafe.assign.404-customer-unknown',
  // Exchange Solutions: its account rules (at least one card and not both kinds are schema rules,
  // which Prism enforces too).
  'exchange-solutions.add-cards.400-empty-loyalty-id',
  'exchange-solutions.add-cards.400-closed',
  'exchange-solutions.add-cards.400-deceased',
  'exchange-solutions.add-cards.400-not-registered',
  'exchange-solutions.add-cards.400-account-full',
  'exchange-solutions.add-cards.400-digital-disabled',
  'exchange-solutions.add-cards.400-fill-then-exceed',
  'exchange-solutions.add-cards.400-session-unknown',
  'exchange-solutions.add-cards.401-invalid-token',
];
/** Failures caught by another check than ruleKept, and why. */
const OTHER_CHECK: Record<string, string> = {
  // Credentials that are neither Bearer nor Basic: Prism checks only that a header is there.
  'enfuce.create.401-malformed-credentials': 'ruleKept',
  // The same example for every call: the same identifier twice, or cards the request never sent.
  'enfuce.create.201-create': 'promisesKept',
  'capillary.add.200-by-series-id': 'promisesKept',
  'capillary.add.200-by-series-code': 'promisesKept',
  'exchange-solutions.add-cards.200-physical': 'promisesKept',
  'exchange-solutions.add-cards.200-digital': 'promisesKept',
  'exchange-solutions.add-cards.200-partly-added': 'promisesKept',
};

describe('conformance: prism mock (stateless)', () => {
  let started: StartedTarget;
  let report: RunReport;
  beforeAll(async () => {
    started = await prismStatelessTarget();
    report = await runConformance({ target: started.target, scenarios, unprovokable });
  });
  afterAll(() => started?.stop());

  it('fails exactly the stateful scenarios, each caught by the check that names its rule', () => {
    const failed = report.results.filter((r) => r.outcome === 'failed');
    expect(failed.map((r) => r.id).sort()).toEqual([...STATEFUL, ...Object.keys(OTHER_CHECK)].sort());
    for (const r of failed) expect(r.errors.map((e) => e.check), r.id).toContain(OTHER_CHECK[r.id] ?? 'ruleKept');
    expect(report.ok).toBe(false);
  });

  it('passes what an example-based mock can honour: success, validation and missing credentials', () => {
    const passed = report.results.filter((r) => r.outcome === 'passed').map((r) => r.id);
    expect(passed).toEqual(expect.arrayContaining(['pismo.bind.202-unbound-card', 'paysafe.assign.200-assign', 'paysafe.assign.400-missing-target', 'paysafe.assign.401-no-token']));
  });

  it('reports fault scenarios as not provokable (no control API), with the reason', () => {
    const notProvokable = report.results.filter((r) => r.outcome === 'not-provokable');
    expect(notProvokable.map((r) => r.id).sort()).toEqual(scenarios.filter((s) => s.fault).map((s) => s.id).sort());
    for (const r of notProvokable) expect(r.reason).toMatch(/fault injection/);
  });
});
