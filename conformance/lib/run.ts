/**
 * Runs scenarios against a target: decides what can run there (capabilities, mutations, fixtures),
 * sends the requests, runs every check on every response, and collects results for the matrix.
 */
import { CHECKS } from './checks/index.ts';
import type { Failure } from './checks/check.ts';
import { endSession, sessionState } from './control-client.ts';
import { allocateFixtures, type Allocation } from './fixture-pool.ts';
import { buildRequest, RequestFailed, send, type ObservedResponse, type SentRequest } from './http-client.ts';
import { buildMatrix, type Matrix } from './matrix.ts';
import type { Fixtures, Scenario, Unprovokable } from './scenario.ts';
import { isCredentialName, learnExchange, redactExchange, redactFailure, SecretBook } from './redact.ts';
import { operation, ruleOf, vendorNames } from './spec-index.ts';
import type { Target } from './target.ts';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'not-provokable';

/** Which scenario a result is about, as reports name it: its rule, and the status that answers it. */
export type ScenarioIdentity = Pick<Scenario, 'id' | 'title' | 'vendor' | 'operationId' | 'status'> & { rule?: string };

export interface ScenarioResult extends ScenarioIdentity {
  outcome: Outcome;
  /** The status the judged request got, when it got an answer. */
  observed?: number;
  /** Why it was skipped or not provokable. */
  reason?: string;
  errors: Failure[];
  warnings: Failure[];
  ms: number;
}

export interface RunOptions {
  target: Target;
  scenarios: Scenario[];
  unprovokable?: Unprovokable[];
  vendors?: string[];
  /** Keep scenarios whose operationId, status or id is listed. */
  only?: string[];
  /** Default: the target's `mutations` capability. */
  allowMutations?: boolean;
  /** How the caller lets scenarios change data, named in the skip reason: the CLI flag or the API option. */
  mutationsSwitch?: string;
  concurrency?: number;
  onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

export interface RunReport {
  target: string;
  startedAt: string;
  durationMs: number;
  results: ScenarioResult[];
  matrix: Matrix;
  ok: boolean;
}

export const FAULT_HEADER = 'x-cardmock-fault';
let sessionCounter = 0;

export function selectScenarios(options: Pick<RunOptions, 'scenarios' | 'vendors' | 'only'> & { target?: Target }): Scenario[] {
  const vendors = new Set(options.vendors ?? options.target?.vendors ?? vendorNames());
  const only = options.only?.map(String);
  return options.scenarios.filter(
    (s) => vendors.has(s.vendor) && (!only || only.some((o) => o === s.operationId || o === String(s.status) || o === s.id || o === s.rule)),
  );
}

/** The option of the API that lets scenarios change data; the CLI names its flag instead. */
export const MUTATIONS_OPTION = 'allowMutations: true';

/** Why a scenario cannot run on this target, if it cannot. */
export function blocker(target: Target, scenario: Scenario, allowMutations: boolean, mutationsSwitch = MUTATIONS_OPTION): Pick<ScenarioResult, 'outcome' | 'reason'> | undefined {
  if (scenario.fault && !target.capabilities.control) {
    return { outcome: 'not-provokable', reason: `needs fault injection (${FAULT_HEADER}), which ${target.name} does not offer` };
  }
  if (scenario.mutates && !allowMutations) return { outcome: 'skipped', reason: `changes data: run with ${mutationsSwitch}` };
  const fixtures = target.fixtures(scenario.vendor);
  const missing = (scenario.needs ?? []).filter((key) => fixtures[key] === undefined || (Array.isArray(fixtures[key]) && fixtures[key].length === 0));
  if (missing.length > 0) return { outcome: 'skipped', reason: `missing fixture ${missing.map((k) => `${scenario.vendor}.${k}`).join(', ')}` };
  return undefined;
}

/**
 * A run decided before any request: the scenarios selected, whether they may change data, and the
 * fixtures each takes from the target's pools. `runConformance`, `describeConformance` and
 * cardmock's own target suites share it, so a scenario gets the same fixtures and skip reason in
 * each of them.
 */
export interface PlannedRun {
  target: Target;
  selected: Scenario[];
  allowMutations: boolean;
  mutationsSwitch: string;
  allocations: Map<string, Allocation>;
}

export function planRun(options: Pick<RunOptions, 'target' | 'scenarios' | 'vendors' | 'only' | 'allowMutations' | 'mutationsSwitch'>): PlannedRun {
  const { target } = options;
  const selected = selectScenarios(options);
  const allowMutations = options.allowMutations ?? target.capabilities.mutations;
  const mutationsSwitch = options.mutationsSwitch ?? MUTATIONS_OPTION;
  const runnable = selected.filter((s) => !blocker(target, s, allowMutations, mutationsSwitch));
  // Our mocks give every scenario a fresh session: nothing is used up, so pools are not needed there.
  const allocations = allocateFixtures(runnable, (v) => target.fixtures(v), target.capabilities.control);
  return { target, selected, allowMutations, mutationsSwitch, allocations };
}

/** Run one scenario of a planned run. */
export const runPlanned = (plan: PlannedRun, scenario: Scenario): Promise<ScenarioResult> =>
  runScenario(plan.target, scenario, plan.allowMutations, plan.allocations.get(scenario.id), plan.mutationsSwitch);

/**
 * Run one scenario. `allocation`: its fixtures from the run's pools (`planRun` allocates them);
 * alone, a scenario takes each key's first value.
 */
export async function runScenario(target: Target, scenario: Scenario, allowMutations: boolean, allocation?: Allocation, mutationsSwitch?: string): Promise<ScenarioResult> {
  const started = performance.now();
  const base: ScenarioIdentity = { id: scenario.id, title: scenario.title, vendor: scenario.vendor, operationId: scenario.operationId, status: scenario.status, rule: scenario.rule };
  const blocked = blocker(target, scenario, allowMutations, mutationsSwitch);
  if (blocked) return { ...base, ...blocked, errors: [], warnings: [], ms: 0 };
  const allocated = allocation ?? allocateFixtures([scenario], (v) => target.fixtures(v), true).get(scenario.id)!;
  if ('exhausted' in allocated) return { ...base, outcome: 'skipped', reason: allocated.exhausted, errors: [], warnings: [], ms: 0 };

  const session = `conform-${process.pid}-${++sessionCounter}-${scenario.id}`;
  try {
    return await judgeScenario(target, scenario, allocated.fixtures, session, base, started);
  } finally {
    if (target.controlApi) await endSession(target, session);
  }
}

async function judgeScenario(
  target: Target,
  scenario: Scenario,
  fixtures: Fixtures,
  session: string,
  base: ScenarioIdentity,
  started: number,
): Promise<ScenarioResult> {
  const op = operation(scenario.vendor, scenario.operationId);
  const rule = ruleOf(scenario.vendor, scenario.rule);
  const steps = [
    ...(scenario.setup?.(fixtures) ?? []).map((spec) => ({ spec, step: 'setup' as const, expected: scenario.status })),
    { spec: scenario.request(fixtures), step: 'main' as const, expected: scenario.status },
  ];
  let observed: number | undefined;
  const failures: Failure[] = [];
  const history: { request: SentRequest; response: ObservedResponse }[] = [];
  const secrets = targetSecrets(target, scenario.vendor).extend();
  const watchState = scenario.proves === 'idempotent-replay' && target.controlApi !== undefined;
  for (const { spec, step, expected } of steps) {
    const before = watchState && step === 'main' ? await sessionState(target, scenario.vendor, session) : undefined;
    if (step === 'main' && scenario.fault) spec.headers = { ...spec.headers, [FAULT_HEADER]: String(scenario.status) };
    const request = buildRequest(op, spec, target, session);
    let response;
    try {
      response = await send(target, scenario.vendor, request);
      learnExchange({ request, response }, secrets);
    } catch (error) {
      failures.push({
        check: 'requestCompleted',
        operation: `${op.spec} ${op.operationId}`,
        scenario: scenario.id,
        expected: 'a response',
        actual: error instanceof Error ? error.message : String(error),
        hint: error instanceof RequestFailed ? error.hint : 'The target did not answer (connection refused, reset or time-out).',
      });
      break;
    }
    const interceptedBy = target.intercepted?.(response);
    if (interceptedBy) {
      if (step === 'main' && scenario.intent) {
        return { ...base, outcome: 'not-provokable', reason: interceptedBy, errors: [], warnings: [], ms: performance.now() - started };
      }
      failures.push({
        check: 'reachedImplementation',
        operation: `${op.spec} ${op.operationId}`,
        scenario: scenario.id,
        expected: 'an answer from the implementation',
        actual: interceptedBy,
        hint: 'A valid request was refused before it reached the implementation: the scenario sends something the spec forbids.',
        reproduce: curl(target, scenario.vendor, redactExchange({ request }, secrets).request),
      });
      break;
    }
    if (step === 'main') observed = response.status;
    const documented = op.responses.find((r) => r.status === response.status);
    // A documented alternative answer to the same case is judged as that answer.
    const alternative = step === 'main' ? scenario.alternatives?.find((a) => a.status === response.status) : undefined;
    const judged = alternative ? { ...scenario, status: alternative.status, example: alternative.example } : scenario;
    const after = before !== undefined ? await sessionState(target, scenario.vendor, session) : undefined;
    const state = before !== undefined && after !== undefined ? { state: { before, after } } : {};
    const input = {
      scenario: judged,
      rule,
      operation: op,
      request,
      response,
      step,
      expectedStatus: alternative ? alternative.status : expected,
      ...(step === 'setup' ? { setupExpects: spec.expect ?? 'success' } : {}),
      documented,
      history: [...history],
      ...state,
    };
    history.push({ request, response });
    const reproduce = curl(target, scenario.vendor, redactExchange({ request }, secrets).request);
    const stepFailures = [...CHECKS, ...(target.extraChecks ?? [])].flatMap((check) => check(input)).map((f) => ({ ...f, reproduce }));
    failures.push(...stepFailures);
    if (step === 'setup' && stepFailures.some((f) => f.check === 'ruleKept')) break;
  }
  const shown = failures.map((f) => redactFailure(f, secrets));
  const errors = shown.filter((f) => target.ownMock || !f.inferred);
  const warnings = shown.filter((f) => !target.ownMock && f.inferred);
  return { ...base, outcome: errors.length > 0 ? 'failed' : 'passed', ...(observed !== undefined ? { observed } : {}), errors, warnings, ms: performance.now() - started };
}

/** What a target's runs must never show: its credentials for the vendor, and fixtures named like credentials. */
export function targetSecrets(target: Target, vendor: string): SecretBook {
  const book = new SecretBook();
  book.add(target.authorization(vendor));
  for (const [key, value] of Object.entries(target.fixtures(vendor))) if (isCredentialName(key)) for (const one of [value].flat()) book.add(one);
  return book;
}

/** The request as a curl command, to reproduce a failure by hand (give it the redacted request). */
export function curl(target: Target, vendor: string, request: SentRequest): string {
  const base = target.base(vendor);
  const url = typeof base === 'string' ? `${base}${request.url}` : `<in-process>${base.prefix}${request.url}`;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const headers = Object.entries(request.headers).map(([k, v]) => ` -H ${quote(`${k}: ${v}`)}`).join('');
  return `curl -X ${request.method} ${quote(url)}${headers}${request.body !== undefined ? ` --data ${quote(request.body)}` : ''}`;
}

export async function runConformance(options: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const started = performance.now();
  const plan = planRun(options);
  const { selected } = plan;
  const limit = Math.max(1, options.concurrency ?? options.target.concurrency ?? 4);
  const results: ScenarioResult[] = new Array(selected.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const scenario = selected[index]!;
      const result = await runPlanned(plan, scenario);
      results[index] = result;
      options.onResult?.(result, ++done, selected.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, selected.length) }, worker));
  const vendors = [...new Set(options.vendors ?? options.target.vendors ?? vendorNames())];
  const matrix = buildMatrix({ vendors, results, unprovokable: options.unprovokable ?? [], ...(options.only ? { only: options.only } : {}) });
  return {
    target: options.target.name,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    results,
    matrix,
    ok: results.every((r) => r.outcome !== 'failed') && matrix.complete,
  };
}
