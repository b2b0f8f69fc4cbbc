/**
 * `import … from 'cardmock/conformance'`: run the conformance suite from code against a base URL,
 * a Node request listener or a cardmock engine, and format the report. Judging needs nothing of
 * the mocks: they (and MSW) are loaded only when the subject is a cardmock engine.
 */
import type { RequestListener } from 'node:http';
import type { Engine } from '../mocks/core/engine.ts';
import type { ConformanceFixtures, VendorName } from '../mocks/vendors/registry.ts';
import { scenarios as allScenarios, unprovokable } from './cases/index.ts';
import { fixturesProblems } from './lib/fixtures-check.ts';
import { runConformance, type RunReport, type ScenarioResult } from './lib/run.ts';
import type { FixturePools } from './lib/scenario.ts';
import type { Target } from './lib/target.ts';
import { urlTarget } from './lib/url-target.ts';
import { vendorNames } from './lib/spec-index.ts';

export type { RunReport, ScenarioResult, Outcome } from './lib/run.ts';
export type { Target, TargetCapabilities } from './lib/target.ts';
export type { Scenario, Unprovokable, Fixtures } from './lib/scenario.ts';
export type { Failure } from './lib/checks/check.ts';
export { registerVendorSpec } from './lib/spec-index.ts';
export type { FixturePools } from './lib/scenario.ts';
export { json as jsonReport } from './lib/reporters/json.ts';
export { junit as junitReport } from './lib/reporters/junit.ts';
export { markdown as markdownReport } from './lib/reporters/markdown.ts';
export { summary as terminalSummary, formatFailure } from './lib/reporters/terminal.ts';
export { allScenarios as scenarios, unprovokable, runConformance, urlTarget, vendorNames };

/** What to judge: exactly one of `baseUrl`, `listener` or `engine`. */
export type ConformSubject =
  | { baseUrl: string; listener?: never; engine?: never }
  | { listener: RequestListener; baseUrl?: never; engine?: never }
  | { engine: Engine; baseUrl?: never; listener?: never };

export type ConformOptions = ConformSubject & {
  /** Vendors to run; default: all five. */
  vendors?: VendorName[];
  /** Keep scenarios whose operationId, status or id is listed. */
  only?: string[];
  /** Authorization header value per vendor (not needed for an engine). */
  authorization?: string | ((vendor: string) => string | undefined);
  /**
   * Named entities per vendor (`{ pismo: { unboundCardId: 7001 } }`), typed by the keys its
   * scenarios take; a list is a pool, of which each scenario that uses an entity up takes its own
   * value. Not needed for an engine.
   */
  fixtures?: ConformanceFixtures;
  /** Send scenarios that change data; default true for an engine, false otherwise. */
  allowMutations?: boolean;
  /** The subject speaks cardmock's control API (sessions, fault injection). */
  control?: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
  concurrency?: number;
  onResult?: (result: ScenarioResult, done: number, total: number) => void;
};

/**
 * A Target for the subject: a base URL serves each vendor under `/<vendor>` when several are run.
 * An engine is judged as one of cardmock's own mocks, loaded only then.
 */
export async function conformanceTarget(options: ConformOptions): Promise<Target> {
  if (options.fixtures !== undefined) {
    const problems = fixturesProblems(options.fixtures, allScenarios);
    if (problems.length > 0) throw new Error(`cardmock conformance: fixtures:\n  ${problems.join('\n  ')}`);
  }
  const vendors = options.vendors ?? vendorNames();
  const limits = {
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  };
  if (options.engine) {
    const { engineTarget } = await import('./targets/engine-target.ts');
    return engineTarget(options.engine, { vendors, ...limits });
  }
  const authorization = typeof options.authorization === 'function' ? options.authorization : () => options.authorization as string | undefined;
  const common = {
    ownMock: false,
    capabilities: { control: options.control ?? false, mutations: options.allowMutations ?? false },
    vendors,
    authorization,
    fixtures: (vendor: string): FixturePools => (options.fixtures as Record<string, FixturePools> | undefined)?.[vendor] ?? {},
    ...limits,
  };
  if (options.listener) {
    const listener = options.listener;
    return { name: 'listener', ...common, base: (vendor) => ({ listener, prefix: vendors.length === 1 ? '' : `/${vendor}` }) };
  }
  return { ...urlTarget({ baseUrl: options.baseUrl!, vendors, fixtures: {}, control: false, mutations: false, ownMock: false }), ...common };
}

/** Runs every selected scenario and returns the report (results, coverage matrix, ok). */
export async function conform(options: ConformOptions): Promise<RunReport> {
  const target = await conformanceTarget(options);
  return runConformance({
    target,
    scenarios: allScenarios,
    unprovokable,
    ...(options.vendors ? { vendors: options.vendors } : {}),
    ...(options.only ? { only: options.only } : {}),
    ...(options.allowMutations !== undefined ? { allowMutations: options.allowMutations } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
}
