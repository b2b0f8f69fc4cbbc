/**
 * The coverage matrix: every documented (operation, status) pair of every selected spec, with the
 * scenarios that provoke it and their outcome on this target, or the stated reason it cannot be
 * provoked. A pair with neither is `missing`, and a missing pair fails the run.
 */
import type { ScenarioResult } from './run.ts';
import type { Unprovokable } from './scenario.ts';
import { vendorSpec } from './spec-index.ts';

export type CellOutcome = 'passed' | 'failed' | 'skipped' | 'not-provokable' | 'unprovokable' | 'missing';

export interface MatrixRow {
  vendor: string;
  operationId: string;
  status: number;
  /** The status is cardmock's addition (`x-inferred`). */
  inferred: boolean;
  scenarios: string[];
  outcome: CellOutcome;
  reason?: string;
}

export interface Matrix {
  rows: MatrixRow[];
  complete: boolean;
}

const RANK: CellOutcome[] = ['failed', 'passed', 'skipped', 'not-provokable'];

export function buildMatrix(input: { vendors: string[]; results: ScenarioResult[]; unprovokable: Unprovokable[]; only?: string[] }): Matrix {
  const rows: MatrixRow[] = [];
  for (const vendor of input.vendors) {
    for (const op of vendorSpec(vendor).operations) {
      for (const response of op.responses) {
        const selected = !input.only || input.only.some((o) => o === op.operationId || o === String(response.status));
        if (!selected) continue;
        const results = input.results.filter((r) => r.vendor === vendor && r.operationId === op.operationId && r.status === response.status);
        const declared = input.unprovokable.find((u) => u.vendor === vendor && u.operationId === op.operationId && u.status === response.status);
        const row: MatrixRow = { vendor, operationId: op.operationId, status: response.status, inferred: response.inferred, scenarios: results.map((r) => r.id), outcome: 'missing' };
        if (results.length > 0) {
          const best = RANK.find((outcome) => results.some((r) => r.outcome === outcome))!;
          row.outcome = best;
          const reasons = [...new Set(results.filter((r) => r.outcome === best && r.reason).map((r) => r.reason!))];
          if (reasons.length > 0) row.reason = reasons.join('; ');
        } else if (declared) {
          row.outcome = 'unprovokable';
          row.reason = declared.reason;
        }
        rows.push(row);
      }
    }
  }
  return { rows, complete: rows.every((r) => r.outcome !== 'missing') };
}
