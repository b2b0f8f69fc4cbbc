/**
 * Observed traffic as a conformance report: each judged exchange becomes a result (so the JUnit,
 * JSON and Markdown reporters apply unchanged), and the coverage matrix says which documented
 * (operation, status) pairs the traffic met and which it never did.
 */
import type { Failure } from './checks/check.ts';
import type { Judgement } from './judge-exchange.ts';
import { buildMatrix } from './matrix.ts';
import type { RunReport, ScenarioResult } from './run.ts';

export const NOT_SEEN = 'not seen in the traffic';

export interface JudgedExchange extends Judgement {
  n: number;
  vendor: string;
  method: string;
  /** Path and query relative to the vendor's base URL. */
  url: string;
  status: number;
  ms: number;
  /** `incomplete`: the exchange did not end (the client went away, or it was cut at shutdown). */
  verdict: 'ok' | 'warning' | 'invalid-request' | 'violation' | 'upstream-error' | 'incomplete';
  /** Why the upstream gave no (whole) answer in time, or why the exchange is incomplete. */
  upstreamError?: string;
  /** Bodies larger than the proxy keeps: judged on the kept prefix, their body checks skipped. */
  truncated?: ('request' | 'response')[];
}

export function verdictOf(judgement: Judgement): JudgedExchange['verdict'] {
  if (judgement.errors.length > 0) return 'violation';
  if (judgement.requestProblems.length > 0) return 'invalid-request';
  return judgement.warnings.length > 0 ? 'warning' : 'ok';
}

/** One terminal line per exchange: method, path, status, ms, verdict. */
export function exchangeLine(e: JudgedExchange): string {
  const count = (list: Failure[], word: string) => (list.length ? ` (${list.length} ${word})` : '');
  const detail = e.upstreamError ? ` (${e.upstreamError})` : `${count(e.errors, 'violation(s)')}${count(e.requestProblems, 'request problem(s)')}${count(e.warnings, 'warning(s)')}`;
  const truncated = e.truncated?.length ? ` [${e.truncated.join(' and ')} body truncated]` : '';
  return `#${e.n} ${e.vendor} ${e.method} ${e.url} ${e.status || '-'} ${e.ms.toFixed(0)}ms ${e.verdict}${detail}${truncated}`;
}

/** An exchange as a result of the report: failed on a violation or an upstream error, skipped when incomplete. */
export function resultOf(e: JudgedExchange): ScenarioResult {
  const errors = [...e.errors, ...e.requestProblems];
  const outcome = errors.length > 0 || e.verdict === 'upstream-error' ? 'failed' : e.verdict === 'incomplete' ? 'skipped' : 'passed';
  return {
    id: `#${e.n} ${e.method} ${e.url.split('?')[0]}`,
    title: `${e.status} ${e.verdict}`,
    vendor: e.vendor,
    operationId: e.operationId ?? '(undocumented)',
    status: e.status,
    outcome,
    ...(e.upstreamError ? { reason: e.upstreamError } : {}),
    errors,
    warnings: e.warnings,
    ms: e.ms,
  };
}

/**
 * `exchanges`: the exchanges listed in the report. `seen`: every exchange's result, for the matrix
 * and the verdict, when more were seen than are listed (the proxy keeps the newest ones; one result
 * per pair and outcome is enough to fill the matrix).
 */
export function trafficReport(input: { target: string; startedAt: Date; vendors: string[]; exchanges: JudgedExchange[]; seen?: ScenarioResult[] }): RunReport {
  const results = input.exchanges.map(resultOf);
  const seen = input.seen ?? results;
  const matrix = buildMatrix({ vendors: input.vendors, results: seen, unprovokable: [], byRule: false });
  // In traffic, a pair nobody met is information for the team, not a missing scenario to fail on.
  for (const row of matrix.rows) {
    if (row.outcome === 'missing') Object.assign(row, { outcome: 'skipped', reason: NOT_SEEN });
  }
  return {
    target: input.target,
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - input.startedAt.getTime(),
    results,
    matrix,
    ok: seen.every((r) => r.outcome !== 'failed'),
  };
}
