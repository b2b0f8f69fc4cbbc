/** Terminal output: a progress line per scenario, and a summary: failures, warnings by guessed part, the matrix by status and by rule. */
import type { Failure } from '../checks/check.ts';
import type { CellOutcome } from '../matrix.ts';
import type { RunReport, ScenarioResult } from '../run.ts';
import { groupMembers, warningGroups } from './warning-groups.ts';

export function formatFailure(f: Failure): string {
  const line = `[${f.check}] ${f.scenario}: expected ${f.expected}, got ${f.actual}. ${f.hint}${f.inferred ? ` (rests on ${f.inferred.part})` : ''}`;
  return f.reproduce ? `${line}\n      reproduce: ${f.reproduce}` : line;
}

const SYMBOL: Record<CellOutcome, string> = { passed: '✓', warned: '~', failed: '✗', skipped: '-', 'not-provokable': '·', unprovokable: '·', missing: '?' };

export function progressLine(result: ScenarioResult, done: number, total: number): string {
  const why = result.reason ? ` (${result.reason})` : '';
  const warn = result.warnings.length ? ` [${result.warnings.length} warning(s)]` : '';
  return `[${String(done).padStart(String(total).length)}/${total}] ${SYMBOL[result.outcome]} ${result.id}${why}${warn}`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)];
}

/** One line per guessed part, the scenarios resting on it under it. */
export function warningLines(report: RunReport): string[] {
  const groups = warningGroups(report.results);
  if (groups.length === 0) return [];
  const count = groups.reduce((n, g) => n + g.warnings.length, 0);
  const lines = ['', `Warnings: ${count} resting on ${groups.length} part(s) of the specs that are cardmock's guesses, not the vendor's word:`];
  for (const group of groups) {
    lines.push(`  ~ ${group.part} (${group.warnings.length}): ${group.why}`, `      ${groupMembers(group).join(', ')}`);
  }
  return lines;
}

export function summary(report: RunReport): string {
  const count = (o: string) => report.results.filter((r) => r.outcome === o).length;
  const lines: string[] = [];
  const failed = report.results.filter((r) => r.outcome === 'failed');
  if (failed.length) {
    lines.push('', 'Failures:');
    for (const r of failed) for (const f of r.errors) lines.push(`  ${formatFailure(f)}`);
  }
  lines.push(...warningLines(report));
  const { rows, rules } = report.matrix;
  lines.push('', `Coverage matrix by status (${report.target}):`, '');
  lines.push(
    ...table(
      ['vendor', 'operation', 'status', 'result', 'scenarios / reason'],
      rows.map((r) => [r.vendor, r.operationId, String(r.status) + (r.inferred ? '*' : ''), `${SYMBOL[r.outcome]} ${r.outcome}`, r.reason ?? `${r.scenarios.length} scenario(s)`]),
    ),
  );
  if (rules.length > 0) {
    lines.push('', 'Coverage matrix by rule (D documented, I inferred; `cardmock rules` prints each rule and its source):', '');
    lines.push(...table(['rule', '', 'answer', 'result', 'scenarios / reason'], rules.map((r) => [r.rule, r.provenance === 'documented' ? 'D' : 'I', r.answers.join(' or '), `${SYMBOL[r.outcome]} ${r.outcome}`, r.reason ?? `${r.scenarios.length} scenario(s)`])));
  }
  lines.push(
    '',
    '  ✓ passed (the documented answer came back)  ~ warned (passed on warnings only: another answer where ours is a guess)  ✗ failed',
    '  - skipped (a reason is given)  · not provokable on this target  ? missing: no scenario and no reason',
    ...(rows.some((r) => r.inferred) ? ['  * a status cardmock added (x-inferred): the vendor does not document it, so its failures are warnings off our mocks'] : []),
  );
  const all = [...rows, ...rules];
  const tally = (o: CellOutcome) => all.filter((r) => r.outcome === o).length;
  lines.push(
    '',
    `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not-provokable')} not provokable; ${report.results.reduce((n, r) => n + r.warnings.length, 0)} warning(s); ` +
      `matrix ${report.matrix.complete ? 'complete' : 'INCOMPLETE'}: ${tally('passed')} passed, ${tally('warned')} warned, ${tally('failed')} failed of ${all.length} rows (${report.durationMs} ms)`,
  );
  return lines.join('\n');
}
