/**
 * `import { describeConformance } from 'cardmock/vitest'`: every selected scenario as one vitest
 * test against your implementation (a base URL, a Node request listener or an engine), the way
 * cardmock's own `conformance/targets` run. It plans the run as `conform()` does (one code path:
 * fixture pools, mutations, skip reasons naming this API's options), so a scenario gets the same
 * fixtures and the same verdict in both. Scenarios the target cannot run (mutations not allowed,
 * no fault injection) are reported as skipped with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios as allScenarios } from './cases/index.ts';
import { planRun, runPlanned, selectScenarios, type PlannedRun } from './lib/run.ts';
import type { Target } from './lib/target.ts';
import { formatFailure } from './lib/reporters/terminal.ts';
import { conformanceTarget, type ConformOptions } from './index.ts';
import type { VendorName } from '../mocks/vendors/registry.ts';

export type { ConformOptions } from './index.ts';

/** What `start` returns: the subject to judge, plus how to stop it. */
export type StartedSubject = ConformOptions & { stop?: () => void | Promise<void> };

export interface DescribeConformanceOptions {
  /** Vendors whose scenarios become tests; known before `start` runs. Default: all five. */
  vendors?: VendorName[];
  /** Keep scenarios whose operationId, status, rule or id is listed. */
  only?: string[];
  /** Starts (or names) the implementation under test; runs once before the tests. */
  start: () => StartedSubject | Promise<StartedSubject>;
}

export function describeConformance(name: string, options: DescribeConformanceOptions): void {
  describe(`conformance: ${name}`, () => {
    let plan: PlannedRun;
    let stop: StartedSubject['stop'];
    beforeAll(async () => {
      const started = await options.start();
      stop = started.stop;
      const target = await conformanceTarget({ ...started, ...(options.vendors ? { vendors: options.vendors } : {}) });
      plan = planRun({ target, scenarios: selected, ...(started.allowMutations !== undefined ? { allowMutations: started.allowMutations } : {}) });
    });
    afterAll(async () => {
      await stop?.();
    });

    // Test names must exist before `start` runs, so the selection uses the declared vendors.
    const declared = { name, ownMock: false, capabilities: { control: false, mutations: false }, base: () => '', authorization: () => undefined, fixtures: () => ({}) } satisfies Target;
    const selected = selectScenarios({ target: declared, scenarios: allScenarios, ...(options.vendors ? { vendors: options.vendors } : {}), ...(options.only ? { only: options.only } : {}) });
    for (const scenario of selected) {
      it(scenario.id, async (context) => {
        const result = await runPlanned(plan, scenario);
        if (result.outcome === 'skipped' || result.outcome === 'not-provokable') context.skip(result.reason);
        expect(result.errors.map(formatFailure), result.reason).toEqual([]);
        expect(result.outcome, result.reason).toBe('passed');
      });
    }
  });
}
