/**
 * Targets through Prism: the stateful server behind `prism proxy --errors` (every exchange checked
 * by a validator we did not write), and `prism mock` alone (stateless, answers from examples).
 */
import { startServer } from '../../mocks/adapters/node-http.ts';
import { PRISM_ERROR_TYPE, startPrismGroup } from '../../mocks/prism/per-vendor.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import { noContractViolations } from '../lib/checks/no-contract-violations.ts';
import type { ObservedResponse } from '../lib/http-client.ts';
import { newEngine, ownMockTarget, type StartedTarget } from './mock-targets.ts';

const vendors = allVendors.map((v) => v.name);

/** Every answer of the stateful server carries `x-cardmock-session`; one without it is Prism's own. */
function prismRejection(response: ObservedResponse): string | undefined {
  if (response.headers['x-cardmock-session'] !== undefined) return undefined;
  const body = response.json as { type?: unknown; title?: unknown } | undefined;
  const what = typeof body?.type === 'string' && body.type.startsWith(PRISM_ERROR_TYPE) ? String(body.title) : response.text.slice(0, 80);
  return `prism proxy --errors answered ${response.status} itself (${what}): the request never reached the implementation`;
}

export async function prismProxyTarget(): Promise<StartedTarget> {
  const server = await startServer({ engine: newEngine(), port: 0 });
  const group = await startPrismGroup({ vendors, mode: 'proxy', upstream: server.url }).catch(async (error) => {
    await server.close();
    throw error;
  });
  return {
    target: ownMockTarget('prism-proxy', (vendor) => group.url(vendor), { extraChecks: [noContractViolations], intercepted: prismRejection }),
    stop: async () => {
      await group.stop();
      await server.close();
    },
  };
}

/**
 * Prism keeps no state, so nothing a scenario does uses an entity up: every pool holds the sample
 * value once per scenario, and no consuming scenario is skipped for want of one.
 */
function statelessPools(vendor: string): Record<string, (string | number)[]> {
  const samples = allVendors.find((v) => v.name === vendor)!.samples.fixtures as Record<string, string | number>;
  return Object.fromEntries(Object.entries(samples).map(([key, value]) => [key, Array.from({ length: 16 }, () => value)]));
}

export async function prismStatelessTarget(): Promise<StartedTarget> {
  const group = await startPrismGroup({ vendors, mode: 'mock' });
  return {
    // Not ours: no control API, and x-inferred parts are judged as on any other target.
    target: ownMockTarget('prism-mock', (vendor) => group.url(vendor), { ownMock: false, capabilities: { control: false, mutations: true }, fixtures: statelessPools }),
    stop: () => group.stop(),
  };
}
