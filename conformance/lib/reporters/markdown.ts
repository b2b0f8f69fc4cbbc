/** The coverage matrix and failures as Markdown. */
import type { RunReport } from '../run.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdown(report: RunReport): string {
  const lines = [
    `# cardmock conformance: ${report.target}`,
    '',
    `${report.startedAt}, ${report.durationMs} ms. Matrix ${report.matrix.complete ? 'complete' : '**incomplete**'}; run ${report.ok ? 'passed' : '**failed**'}.`,
    '',
    '| vendor | operation | status | result | scenarios / reason |',
    '|---|---|---|---|---|',
    ...report.matrix.rows.map(
      (r) => `| ${r.vendor} | ${cell(r.operationId)} | ${r.status}${r.inferred ? ' (inferred)' : ''} | ${r.outcome} | ${cell(r.reason ?? r.scenarios.join(', '))} |`,
    ),
  ];
  const failures = report.results.flatMap((r) => r.errors);
  if (failures.length) {
    lines.push('', '## Failures', '', '| check | scenario | expected | actual | hint |', '|---|---|---|---|---|');
    for (const f of failures) lines.push(`| ${f.check} | ${cell(f.scenario)} | ${cell(f.expected)} | ${cell(f.actual)} | ${cell(f.hint)} |`);
  }
  const warnings = report.results.flatMap((r) => r.warnings);
  if (warnings.length) {
    lines.push('', '## Warnings (x-inferred)', '', '| check | scenario | expected | actual |', '|---|---|---|---|');
    for (const f of warnings) lines.push(`| ${f.check} | ${cell(f.scenario)} | ${cell(f.expected)} | ${cell(f.actual)} |`);
  }
  return `${lines.join('\n')}\n`;
}
