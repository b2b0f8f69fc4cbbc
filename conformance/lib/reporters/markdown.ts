/** The coverage matrix (by status and by rule), failures, and warnings by guessed part, as Markdown. */
import type { RunReport } from '../run.ts';
import { groupMembers, warningGroups } from './warning-groups.ts';

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
  if (report.matrix.rules.length) {
    lines.push('', '## By rule', '', '| rule | provenance | answer | result | scenarios / reason |', '|---|---|---|---|---|');
    for (const r of report.matrix.rules) lines.push(`| ${r.rule} | ${r.provenance} | ${cell(r.answers.join(' or '))} | ${r.outcome} | ${cell(r.reason ?? r.scenarios.join(', '))} |`);
  }
  const failures = report.results.flatMap((r) => r.errors);
  if (failures.length) {
    lines.push('', '## Failures', '', '| check | scenario | expected | actual | hint |', '|---|---|---|---|---|');
    for (const f of failures) lines.push(`| ${f.check} | ${cell(f.scenario)} | ${cell(f.expected)} | ${cell(f.actual)} | ${cell(f.hint)} |`);
  }
  const groups = warningGroups(report.results);
  if (groups.length) {
    lines.push('', "## Warnings, by the part of the spec that is cardmock's guess", '', '| guessed part | why | warnings | scenarios [checks] |', '|---|---|---|---|');
    for (const g of groups) lines.push(`| ${cell(g.part)} | ${cell(g.why)} | ${g.warnings.length} | ${cell(groupMembers(g).join(', '))} |`);
  }
  return `${lines.join('\n')}\n`;
}
