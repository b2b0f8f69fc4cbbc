/** JUnit XML: one testsuite per vendor, one testcase per scenario. */
import type { RunReport } from '../run.ts';
import { formatFailure } from './terminal.ts';

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
  const missing = report.matrix.rows.filter((r) => r.outcome === 'missing');
  const matrixSuite = `  <testsuite name="cardmock coverage matrix" tests="${report.matrix.rows.length}" failures="${missing.length}" errors="0" skipped="0">\n${report.matrix.rows
    .map((r) => {
      const open = `    <testcase classname="matrix.${escape(r.vendor)}" name="${escape(`${r.operationId} ${r.status}`)}"`;
      return r.outcome === 'missing' ? `${open}>\n      <failure message="missing">No scenario and no stated reason for this documented status.</failure>\n    </testcase>` : `${open}/>`;
    })
    .join('\n')}\n  </testsuite>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cardmock conform">\n${[...suites, matrixSuite].join('\n')}\n</testsuites>\n`;
}
