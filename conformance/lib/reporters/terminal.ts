/** Terminal output: a progress line per scenario and a summary table with the matrix. */
import type { Failure } from '../checks/check.ts';
import type { RunReport, ScenarioResult } from '../run.ts';

export function formatFailure(f: Failure): string {
  const line = `[${f.check}] ${f.scenario}: expected ${f.expected}, got ${f.actual}. ${f.hint}`;
  return f.reproduce ? `${line}\n      reproduce: ${f.reproduce}` : line;
}

const SYMBOL: Record<string, string> = { passed: '✓', failed: '✗', skipped: '-', 'not-provokable': '·', unprovokable: '·', missing: '?' };

export function progressLine(result: ScenarioResult, done: number, total: number): string {
  const why = result.reason ? ` (${result.reason})` : '';
  const warn = result.warnings.length ? ` [${result.warnings.length} warning(s)]` : '';
  return `[${String(done).padStart(String(total).length)}/${total}] ${SYMBOL[result.outcome]} ${result.id}${why}${warn}`;
}

export function summary(report: RunReport): string {
  const count = (o: string) => report.results.filter((r) => r.outcome === o).length;
  const lines: string[] = [];
  const failed = report.results.filter((r) => r.outcome === 'failed');
  if (failed.length) {
    lines.push('', 'Failures:');
    for (const r of failed) for (const f of r.errors) lines.push(`  ${formatFailure(f)}`);
  }
  const warned = report.results.flatMap((r) => r.warnings);
  if (warned.length) {
    lines.push('', 'Warnings (x-inferred parts of the spec, not stated by the vendor):');
    for (const f of warned) lines.push(`  ${formatFailure(f)}`);
  }
  lines.push('', `Coverage matrix (${report.target}):`, '');
  const rows = report.matrix.rows.map((r) => [r.vendor, r.operationId, String(r.status) + (r.inferred ? '*' : ''), `${SYMBOL[r.outcome]} ${r.outcome}`, r.reason ?? r.scenarios.length + ' scenario(s)']);
  const header = ['vendor', 'operation', 'status', 'result', 'scenarios / reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  lines.push(
    '',
    '  ✓ passed  ✗ failed  - skipped (a reason is given)  · not provokable on this target  ? missing: no scenario and no reason',
    ...report.matrix.rows
      .filter((r) => r.inferred)
      .slice(0, 1)
      .map((r) => `  ${r.status}* a status cardmock added (x-inferred): the vendor does not document it, so its failures are warnings off our mocks`),
  );
  lines.push(
    '',
    `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not-provokable')} not provokable; ${warned.length} warning(s); matrix ${report.matrix.complete ? 'complete' : 'INCOMPLETE'} (${report.durationMs} ms)`,
  );
  return lines.join('\n');
}
