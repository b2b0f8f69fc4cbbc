import { describe, expect, it } from 'vitest';
import { createRequestListener } from '../../mocks/adapters/node-http.ts';
import type { Engine } from '../../mocks/core/engine.ts';
import { scenarios, unprovokable } from '../cases/index.ts';
import { runConformance } from '../lib/run.ts';
import { vendorNames, vendorSpec } from '../lib/spec-index.ts';
import { newEngine, ownMockTarget } from '../targets/mock-targets.ts';
import { MUTANTS, type Mutant } from './mutants.ts';
import { documentedRuleMutants } from './rule-breaks.ts';

function brokenTarget(mutant: Mutant) {
  const engine = newEngine();
  const broken: Engine = { ...engine, handle: async (request) => mutant.mutate(request, await engine.handle(mutant.alter?.(request) ?? request)) };
  const listener = createRequestListener({ engine: broken });
  return ownMockTarget(`mutant: ${mutant.name}`, (vendor) => ({ listener, prefix: `/${vendor}` }), { controlApi: { listener, prefix: '' } });
}

describe('self-test: every deviation is caught by the check it names', () => {
  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s', async (_name, mutant) => {
    const report = await runConformance({ target: brokenTarget(mutant), scenarios, unprovokable, vendors: [mutant.vendor] });
    const fired = new Set(report.results.flatMap((r) => r.errors.map((f) => f.check)));
    expect([...fired]).toContain(mutant.check);
    expect(report.ok).toBe(false);
  });

  it('the unbroken mock passes the same runs', async () => {
    const engine = newEngine();
    const listener = createRequestListener({ engine });
    const target = ownMockTarget('unbroken', (vendor) => ({ listener, prefix: `/${vendor}` }));
    const vendors = [...new Set(MUTANTS.map((m) => m.vendor))];
    const report = await runConformance({ target, scenarios, unprovokable, vendors });
    expect(report.results.flatMap((r) => r.errors)).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('self-test: a break of each documented rule fails every scenario of that rule', () => {
  const mutants = documentedRuleMutants();

  it('covers every documented rule a scenario judges', () => {
    const documented = vendorNames().flatMap((v) => vendorSpec(v).operations.flatMap((op) => op.rules)).filter((r) => r.provenance === 'documented' && scenarios.some((s) => s.rule === r.id));
    expect([...new Set(mutants.map((m) => m.rule))].sort()).toEqual(documented.map((r) => r.id).sort());
  });

  it.each(mutants.map((m) => [m.name, m] as const))('%s', async (_name, mutant) => {
    const judged = scenarios.filter((s) => s.rule === mutant.rule);
    const report = await runConformance({ target: brokenTarget(mutant), scenarios: judged, unprovokable, vendors: [mutant.vendor] });
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual(judged.map((s) => [s.id, 'failed']));
    expect(report.results.flatMap((r) => r.errors.map((f) => f.check))).toContain(mutant.check);
  });
});

describe('self-test: Prism in front of a broken server reports it in sl-violations', () => {
  it('an undocumented status on Pismo bind shows up as noContractViolations', async () => {
    const { startServer } = await import('../../mocks/adapters/node-http.ts');
    const { startPrismGroup } = await import('../../mocks/prism/per-vendor.ts');
    const { noContractViolations } = await import('../lib/checks/no-contract-violations.ts');
    const mutant = MUTANTS.find((m) => m.check === 'statusDocumented')!;
    const engine = newEngine();
    const broken: Engine = { ...engine, handle: async (request) => mutant.mutate(request, await engine.handle(request)) };
    const server = await startServer({ engine: broken, port: 0 });
    try {
      const group = await startPrismGroup({ vendors: [mutant.vendor], mode: 'proxy', upstream: server.url });
      try {
        const target = ownMockTarget('prism over a mutant', (vendor) => group.url(vendor), { extraChecks: [noContractViolations] });
        const report = await runConformance({ target, scenarios, unprovokable, vendors: [mutant.vendor], only: ['409'] });
        const fired = report.results.flatMap((r) => r.errors.map((f) => f.check));
        expect(fired).toContain('noContractViolations');
      } finally {
        await group.stop();
      }
    } finally {
      await server.close();
    }
  });
});
