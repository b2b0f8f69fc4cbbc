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
  verdict: 'ok' | 'warning' | 'invalid-request' | 'violation' | 'upstream-error';
  /** Why the upstream gave no answer (time-out, refused), for `upstream-error`. */
  upstreamError?: string;
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
  return `#${e.n} ${e.vendor} ${e.method} ${e.url} ${e.status || '-'} ${e.ms.toFixed(0)}ms ${e.verdict}${detail}`;
}

export function trafficReport(input: { target: string; startedAt: Date; vendors: string[]; exchanges: JudgedExchange[] }): RunReport {
  const results: ScenarioResult[] = input.exchanges.map((e) => {
    const errors = [...e.errors, ...e.requestProblems];
    return {
      id: `#${e.n} ${e.method} ${e.url.split('?')[0]}`,
      title: `${e.status} ${e.verdict}`,
      vendor: e.vendor,
      operationId: e.operationId ?? '(undocumented)',
      status: e.status,
      outcome: errors.length > 0 || e.verdict === 'upstream-error' ? 'failed' : 'passed',
      ...(e.upstreamError ? { reason: e.upstreamError } : {}),
      errors,
      warnings: e.warnings,
      ms: e.ms,
    };
  });
  const matrix = buildMatrix({ vendors: input.vendors, results, unprovokable: [], byRule: false });
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
    ok: results.every((r) => r.outcome !== 'failed'),
  };
}
