/**
 * The coverage matrix: every rule of every selected operation's catalogue, and every documented
 * (operation, status) pair, with the scenarios that judged it and their outcome on this target, or
 * the stated reason it cannot be provoked. A rule or pair with neither is `missing`, and a missing
 * row fails the run.
 *
 * A row is `passed` only when the answer it stands for came back: a scenario that passed with
 * warnings only, on another answer (a vendor that refuses a documented case with another status
 * than our guess), makes the row `warned`, counted apart.
 */
import { answersOf, type Rule } from '../../specs/lib/rules.ts';
import type { ScenarioResult } from './run.ts';
import type { Unprovokable } from './scenario.ts';
import { vendorSpec } from './spec-index.ts';

export type CellOutcome = 'passed' | 'warned' | 'failed' | 'skipped' | 'not-provokable' | 'unprovokable' | 'missing';

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

export interface RuleRow {
  vendor: string;
  operationId: string;
  rule: string;
  /** Documented by the vendor, or cardmock's reading. */
  provenance: Rule['provenance'];
  /** The answers that keep the rule (`400 ACCOUNT_CLOSED_OR_DECEASED`, …). */
  answers: string[];
  scenarios: string[];
  outcome: CellOutcome;
  reason?: string;
}

export interface Matrix {
  rows: MatrixRow[];
  /** One row per rule of the catalogues, when the results came from scenarios. */
  rules: RuleRow[];
  complete: boolean;
}

const RANK: CellOutcome[] = ['failed', 'passed', 'warned', 'skipped', 'not-provokable'];

/**
 * The outcome of a row from its results; `reached` says whether a passed result got the row's
 * answer. One that passed on another answer is `warned` (it passed on warnings), or, when it kept
 * its rule through a documented alternative, shows that this answer is not provokable here.
 */
function outcomeOf(results: ScenarioResult[], reached: (r: ScenarioResult) => boolean): Pick<MatrixRow, 'outcome' | 'reason'> {
  const judged = results.map((r): { outcome: CellOutcome; reason?: string } => {
    if (r.outcome !== 'passed' || reached(r)) return { outcome: r.outcome, ...(r.reason ? { reason: r.reason } : {}) };
    if (r.warnings.length > 0) return { outcome: 'warned', reason: `passed on warnings only: got ${r.observed}` };
    return { outcome: 'not-provokable', reason: `the target answers with the documented alternative ${r.observed}` };
  });
  const best = RANK.find((outcome) => judged.some((j) => j.outcome === outcome))!;
  const reasons = [...new Set(judged.filter((j) => j.outcome === best && j.reason).map((j) => j.reason!))];
  return reasons.length > 0 ? { outcome: best, reason: reasons.join('; ') } : { outcome: best };
}

export interface MatrixInput {
  vendors: string[];
  results: ScenarioResult[];
  unprovokable: Unprovokable[];
  only?: string[];
  /** Rows per rule too (default); traffic seen by a proxy has no scenarios, so it has none. */
  byRule?: boolean;
}

export function buildMatrix(input: MatrixInput): Matrix {
  const rows: MatrixRow[] = [];
  const rules: RuleRow[] = [];
  for (const vendor of input.vendors) {
    for (const op of vendorSpec(vendor).operations) {
      const ofOp = input.results.filter((r) => r.vendor === vendor && r.operationId === op.operationId);
      const declared = input.unprovokable.filter((u) => u.vendor === vendor && u.operationId === op.operationId);
      for (const response of op.responses) {
        const selected = !input.only || input.only.some((o) => o === op.operationId || o === String(response.status));
        if (!selected) continue;
        const results = ofOp.filter((r) => r.status === response.status);
        const row: MatrixRow = { vendor, operationId: op.operationId, status: response.status, inferred: response.inferred, scenarios: results.map((r) => r.id), outcome: 'missing' };
        const stated = declared.find((u) => u.status === response.status);
        if (results.length > 0) Object.assign(row, outcomeOf(results, (r) => r.observed === undefined || r.observed === response.status));
        else if (stated) Object.assign(row, { outcome: 'unprovokable', reason: stated.reason });
        rows.push(row);
      }
      if (input.byRule === false) continue;
      for (const rule of op.rules) {
        const answers = answersOf(rule);
        const selected = !input.only || input.only.some((o) => o === op.operationId || o === rule.id || answers.some((a) => o === String(a.status)));
        if (!selected) continue;
        const results = ofOp.filter((r) => r.rule === rule.id);
        const row: RuleRow = {
          vendor,
          operationId: op.operationId,
          rule: rule.id,
          provenance: rule.provenance,
          answers: answers.map((a) => `${a.status}${a.example ? ` ${a.example}` : ''}`),
          scenarios: results.map((r) => r.id),
          outcome: 'missing',
        };
        const stated = declared.find((u) => u.rule === rule.id);
        if (results.length > 0) Object.assign(row, outcomeOf(results, (r) => r.observed === undefined || answers.some((a) => a.status === r.observed)));
        else if (stated) Object.assign(row, { outcome: 'unprovokable', reason: stated.reason });
        rules.push(row);
      }
    }
  }
  return { rows, rules, complete: [...rows, ...rules].every((r) => r.outcome !== 'missing') };
}
