/**
 * What `cardmock proxy` remembers of the exchanges it judged, bounded however long it runs: the
 * newest `max` exchanges in full (already redacted, bodies never kept), and for every exchange
 * seen one result per (vendor, operation, status, outcome), which is all the coverage matrix and
 * the exit code need.
 */
import type { ScenarioResult } from '../../conformance/lib/run.ts';
import { resultOf, trafficReport, type JudgedExchange } from '../../conformance/lib/traffic-report.ts';
import type { RunReport } from '../../conformance/lib/run.ts';

export const DEFAULT_MAX_EXCHANGES = 1_000;
/** Exchanges one page of `GET /__cardmock/exchanges` lists at most. */
export const MAX_PAGE = 200;

export interface ExchangePage {
  /** Exchanges seen since start. */
  seen: number;
  /** Exchanges kept (the newest). */
  kept: number;
  /** Newest first; `before` and `limit` choose the page. */
  exchanges: JudgedExchange[];
}

export class ExchangeLog {
  readonly #max: number;
  readonly #kept: JudgedExchange[] = [];
  readonly #tally = new Map<string, ScenarioResult>();
  #seen = 0;

  constructor(max = DEFAULT_MAX_EXCHANGES) {
    this.#max = Math.max(1, max);
  }

  add(exchange: JudgedExchange): void {
    this.#seen++;
    this.#kept.push(exchange);
    if (this.#kept.length > this.#max) this.#kept.shift();
    const result = resultOf(exchange);
    const key = JSON.stringify([result.vendor, result.operationId, result.status, result.outcome]);
    if (!this.#tally.has(key)) this.#tally.set(key, { ...result, errors: [], warnings: [] });
  }

  get seen(): number {
    return this.#seen;
  }

  /** The kept exchanges, oldest first. */
  get exchanges(): readonly JudgedExchange[] {
    return this.#kept;
  }

  /** Newest first: the `limit` exchanges numbered below `before` (all when absent). */
  page(before: number | undefined, limit: number): ExchangePage {
    const older = before === undefined ? this.#kept : this.#kept.filter((e) => e.n < before);
    const size = Math.min(Math.max(1, limit), MAX_PAGE);
    return { seen: this.#seen, kept: this.#kept.length, exchanges: older.slice(-size).reverse() };
  }

  /** The report: the kept exchanges listed, every exchange seen in the matrix and the verdict. */
  report(target: string, startedAt: Date, vendors: string[]): RunReport {
    return trafficReport({ target, startedAt, vendors, exchanges: [...this.#kept], seen: [...this.#tally.values()] });
  }
}
