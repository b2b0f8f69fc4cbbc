/** JUnit XML: one testsuite per vendor, one testcase per scenario. */
import type { RunReport } from '../run.ts';
import { formatFailure } from './terminal.ts';
import { groupMembers, warningGroups } from './warning-groups.ts';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junit(report: RunReport): string {
  const vendors = [...new Set(report.results.map((r) => r.vendor))];
  const suites = vendors.map((vendor) => {
    const results = report.results.filter((r) => r.vendor === vendor);
    const cases = results.map((r) => {
      const open = `    <testcase classname="${escape(`${vendor}.${r.operationId}`)}" name="${escape(`${r.id}: ${r.title}`)}" time="${(r.ms / 1000).toFixed(3)}"`;
      if (r.outcome === 'failed') {
        const text = r.errors.map(formatFailure).join('\n');
        return `${open}>\n      <failure message="${escape(r.errors[0]?.check ?? 'failed')}">${escape(text)}</failure>\n    </testcase>`;
      }
      if (r.outcome === 'skipped' || r.outcome === 'not-provokable') {
        return `${open}>\n      <skipped message="${escape(`${r.outcome}: ${r.reason ?? ''}`)}"/>\n    </testcase>`;
      }
      const warnings = r.warnings.map(formatFailure).join('\n');
      return warnings ? `${open}>\n      <system-out>${escape(`warnings:\n${warnings}`)}</system-out>\n    </testcase>` : `${open}/>`;
    });
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    const time = results.reduce((t, r) => t + r.ms, 0) / 1000;
    return `  <testsuite name="${escape(`cardmock conformance: ${vendor} on ${report.target}`)}" tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped') + count('not-provokable')}" time="${time.toFixed(3)}" timestamp="${report.startedAt}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const cells = [
    ...report.matrix.rows.map((r) => ({ classname: `matrix.${r.vendor}`, name: `${r.operationId} ${r.status}`, outcome: r.outcome, reason: r.reason, what: 'documented status' })),
    ...report.matrix.rules.map((r) => ({ classname: `matrix.${r.vendor}.rules`, name: r.rule, outcome: r.outcome, reason: r.reason, what: 'rule' })),
  ];
  const missing = cells.filter((c) => c.outcome === 'missing');
  const matrixSuite = `  <testsuite name="cardmock coverage matrix" tests="${cells.length}" failures="${missing.length}" errors="0" skipped="0">\n${cells
    .map((c) => {
      const open = `    <testcase classname="${escape(c.classname)}" name="${escape(c.name)}"`;
      if (c.outcome === 'missing') return `${open}>\n      <failure message="missing">No scenario and no stated reason for this ${c.what}.</failure>\n    </testcase>`;
      return `${open}>\n      <system-out>${escape(`${c.outcome}${c.reason ? `: ${c.reason}` : ''}`)}</system-out>\n    </testcase>`;
    })
    .join('\n')}\n  </testsuite>`;
  const groups = warningGroups(report.results);
  const warningSuite = groups.length
    ? [`  <testsuite name="cardmock warnings by guessed part" tests="${groups.length}" failures="0" errors="0" skipped="0">\n${groups
        .map((g) => `    <testcase classname="warnings" name="${escape(`${g.part} (${g.warnings.length})`)}">\n      <system-out>${escape(`${g.why}\n${groupMembers(g).join('\n')}`)}</system-out>\n    </testcase>`)
        .join('\n')}\n  </testsuite>`]
    : [];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cardmock conform">\n${[...suites, matrixSuite, ...warningSuite].join('\n')}\n</testsuites>\n`;
}
