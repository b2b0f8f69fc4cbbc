/**
 * A target over one of cardmock's own mocks: credentials and fixtures come from each vendor
 * module's `samples`, and every scenario runs in its own session. No MSW here: judging an engine
 * over its Node listener must not load it.
 */
import { createEngine, type Engine } from '../../mocks/core/engine.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import type { Target } from '../lib/target.ts';

/** The vendors cardmock's mocks serve. */
export const served = allVendors.map((v) => v.name);

const sample = (vendor: string) => {
  const module = allVendors.find((v) => v.name === vendor);
  if (!module) throw new Error(`no mock for ${vendor}`);
  return module.samples;
};

export function ownMockTarget(name: string, base: Target['base'], overrides: Partial<Target> = {}): Target {
  return {
    name,
    ownMock: true,
    capabilities: { control: true, mutations: true },
    vendors: allVendors.map((v) => v.name),
    base,
    authorization: (vendor) => sample(vendor).authorization,
    fixtures: (vendor) => sample(vendor).fixtures,
    ...overrides,
  };
}

export const newEngine = (): Engine => createEngine({ vendors: allVendors });
