/**
 * Runs the whole suite against a target as vitest tests: one test per scenario (failures printed
 * with expected, actual and hint), then one for the coverage matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMatrix } from './matrix.ts';
import { planRun, runPlanned, type PlannedRun, type ScenarioResult } from './run.ts';
import type { Scenario, Unprovokable } from './scenario.ts';
import { vendorNames } from './spec-index.ts';
import type { Target } from './target.ts';
import { formatFailure } from './reporters/terminal.ts';

export interface SuiteOptions {
  scenarios: Scenario[];
  unprovokable: Unprovokable[];
  vendors?: string[];
  /** The vendors the target serves, known before it starts. */
  served?: string[];
  /**
   * Scenarios that may end "not provokable" on this target (a proxy answering invalid requests
   * itself). Default: none — every scenario must pass.
   */
  mayNotProvoke?: (result: ScenarioResult) => boolean;
}

export function describeConformance(name: string, start: () => Promise<{ target: Target; stop(): Promise<void> }>, options: SuiteOptions): void {
  describe(`conformance: ${name}`, () => {
    let target: Target;
    let stop: (() => Promise<void>) | undefined;
    let plan: PlannedRun;
    const results: ScenarioResult[] = [];
    beforeAll(async () => {
      ({ target, stop } = await start());
      plan = planRun({ target, scenarios: selected, vendors });
    });
    afterAll(async () => {
      await stop?.();
    });

    // The vendors the target serves (all specs when it does not say): the matrix is complete for each of them.
    const vendors = options.vendors ?? options.served ?? vendorNames();
    const selected = options.scenarios.filter((s) => vendors.includes(s.vendor));
    it.each(selected.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
      const result = await runPlanned(plan, scenario);
      results.push(result);
      expect(result.errors.map(formatFailure), result.reason).toEqual([]);
      const allowed = result.outcome === 'not-provokable' && options.mayNotProvoke?.(result) === true;
      expect(allowed ? 'passed' : result.outcome, result.reason).toBe('passed');
    });

    it('covers every documented (operation, status) pair and every rule', () => {
      expect(plan.selected).toHaveLength(selected.length);
      const matrix = buildMatrix({ vendors, results, unprovokable: options.unprovokable });
      expect(matrix.rows.filter((r) => r.outcome !== 'passed').map((r) => `${r.vendor} ${r.operationId} ${r.status}: ${r.outcome} ${r.reason ?? ''}`)).toEqual([]);
      // A rule all of whose scenarios an intermediary answers itself is not provokable there.
      const allowed = ['passed', 'unprovokable', ...(options.mayNotProvoke ? ['not-provokable'] : [])];
      const ruleRows = matrix.rules.filter((r) => !allowed.includes(r.outcome));
      expect(ruleRows.map((r) => `${r.rule}: ${r.outcome} ${r.reason ?? ''}`)).toEqual([]);
      expect(matrix.complete).toBe(true);
    });
  });
}
