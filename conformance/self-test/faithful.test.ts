/**
 * Faithful variants pass: each server differs from our mocks only where the pages allow (derived
 * from the specs' x-inferred parts, code lists and documented alternatives), and the suite judges
 * it as it would a vendor's sandbox — warnings, never failures. Each variant must also have changed
 * at least one answer the suite judged, which proves it was exercised.
 */
import { describe, expect, it } from 'vitest';
import { createRequestListener } from '../../mocks/adapters/node-http.ts';
import type { Engine } from '../../mocks/core/engine.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import { scenarios, unprovokable } from '../cases/index.ts';
import { formatFailure } from '../lib/reporters/terminal.ts';
import { runConformance } from '../lib/run.ts';
import { vendorNames, vendorSpec } from '../lib/spec-index.ts';
import type { Fixtures } from '../lib/scenario.ts';
import { newEngine, ownMockTarget } from '../targets/mock-targets.ts';
import { alternativeAnswers, VARIANTS, type Variant } from './faithful-variants.ts';
import { inferredRuleVariants } from './rule-breaks.ts';

const samples = (vendor: string) => allVendors.find((v) => v.name === vendor)!.samples.fixtures as Fixtures;
const byRule = inferredRuleVariants();
const catalogue = [...VARIANTS, ...alternativeAnswers(scenarios, samples), ...byRule];

function faithfulTarget(variant: Variant) {
  const engine = newEngine();
  const changed = { count: 0 };
  const faithful: Engine = {
    ...engine,
    handle: async (request) => {
      const ours = await engine.handle(request);
      const theirs = variant.response(request, ours);
      if (JSON.stringify(theirs) !== JSON.stringify(ours)) changed.count++;
      return theirs;
    },
  };
  const listener = createRequestListener({ engine: faithful });
  // Judged as a vendor's sandbox: x-inferred parts are warnings. Sessions and faults still work.
  const target = ownMockTarget(`faithful: ${variant.name}`, (vendor) => ({ listener, prefix: `/${vendor}` }), { ownMock: false, controlApi: { listener, prefix: '' } });
  return { target, changed };
}

describe('self-test: faithful variants pass with warnings only', () => {
  it('the catalogue covers every kind of allowed difference', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(5);
    for (const variant of catalogue) expect(variant.vendors.length, variant.name).toBeGreaterThan(0);
  });

  it.each(catalogue.map((v) => [v.name, v] as const))('%s', async (_name, variant) => {
    const { target, changed } = faithfulTarget(variant);
    const report = await runConformance({ target, scenarios, unprovokable, vendors: variant.vendors });
    expect(report.results.flatMap((r) => r.errors).map(formatFailure)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(changed.count, 'the variant changed no answer the suite judged').toBeGreaterThan(0);
    // A variant of an inferred rule is judged: the scenarios of that rule warn, naming it.
    const rule = (variant as { rule?: string }).rule;
    if (rule) {
      const warned = report.results.filter((r) => r.rule === rule).flatMap((r) => r.warnings);
      expect(warned.map((w) => w.inferred?.part)).toContain(rule);
    }
  });

  it('has a variant for every inferred rule a scenario judges', () => {
    const inferred = vendorNames().flatMap((v) => vendorSpec(v).operations.flatMap((op) => op.rules)).filter((r) => r.provenance === 'inferred' && scenarios.some((s) => s.rule === r.id));
    expect(byRule.map((v) => v.rule).sort()).toEqual(inferred.map((r) => r.id).sort());
    expect(byRule.length).toBeGreaterThan(0);
  });
});
