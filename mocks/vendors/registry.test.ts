/**
 * The types' registry of vendors (registry.ts) holds what the code serves: every vendor spec is
 * registered (`VendorName` is exactly their names; tsc checks the expectTypeOf), and the fixture
 * keys it types per vendor (its samples') are the keys that vendor's scenarios need.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SpecName } from '../../generated/documents.ts';
import { documents } from '../../generated/documents.ts';
import { vendorOf } from '../../specs/lib/operations.ts';
import { scenarios } from '../../conformance/cases/index.ts';
import { allVendors } from './index.ts';
import type { paysafeSamples } from './paysafe/fixtures.ts';
import type { ConformanceFixtures, VendorName } from './registry.ts';

describe('the vendor registry of the types', () => {
  it('registers every vendor spec, and the code serves each', () => {
    expectTypeOf<VendorName>().toEqualTypeOf<Exclude<SpecName, 'cardmock-control'>>();
    const specVendors = Object.values(documents).flatMap((d) => vendorOf(d) ?? []);
    expect(allVendors.map((v) => v.name).sort()).toEqual(specVendors.sort());
  });

  it("types each vendor's conformance fixtures by its samples' keys, which are those its scenarios need", () => {
    expectTypeOf<keyof NonNullable<ConformanceFixtures['paysafe']>>().toEqualTypeOf<keyof typeof paysafeSamples.fixtures>();
    for (const vendor of allVendors) {
      const needed = new Set(scenarios.filter((s) => s.vendor === vendor.name).flatMap((s) => s.needs ?? []));
      expect(Object.keys(vendor.samples.fixtures).sort(), vendor.name).toEqual([...needed].sort());
    }
  });
});
