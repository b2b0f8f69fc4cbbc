/**
 * Warnings are grouped by the guessed part they rest on, in every report: one line per part with
 * the scenarios under it in the terminal, a row per part in Markdown, a testcase per part in JUnit.
 */
import { describe, expect, it } from 'vitest';
import type { Failure } from '../checks/check.ts';
import { buildMatrix } from '../matrix.ts';
import type { RunReport, ScenarioResult } from '../run.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { summary } from './terminal.ts';
import { warningGroups } from './warning-groups.ts';

const warn = (scenario: string, check: string, part: string): Failure => ({ check, operation: 'pismo x', scenario, expected: 'e', actual: 'a', hint: 'h', inferred: { part, why: `why ${part}` } });
const result = (id: string, warnings: Failure[]): ScenarioResult => ({ id, title: id, vendor: 'pismo', operationId: 'post-v2-card-bind', status: 400, rule: 'pismo.bind.card-exists', observed: 400, outcome: 'passed', errors: [], warnings, ms: 1 });
const results = [
  result('s1', [warn('s1', 'contentTypeDocumented', '#/bodies'), warn('s1', 'bodyMatchesSchema', '#/bodies')]),
  result('s2', [warn('s2', 'contentTypeDocumented', '#/bodies'), warn('s2', 'errorCodeDocumented', 'pismo.bind.token-of-account')]),
];
const report: RunReport = { target: 't', startedAt: new Date(0).toISOString(), durationMs: 1, results, matrix: buildMatrix({ vendors: ['pismo'], results, unprovokable: [] }), ok: true };

describe('warnings grouped by the part they rest on', () => {
  it('groups, largest first, each scenario once under a part', () => {
    const groups = warningGroups(results);
    expect(groups.map((g) => [g.part, g.warnings.length, g.scenarios])).toEqual([
      ['#/bodies', 3, ['s1', 's2']],
      ['pismo.bind.token-of-account', 1, ['s2']],
    ]);
  });

  it('terminal: one line per part, the scenarios and their checks under it', () => {
    const text = summary(report);
    expect(text).toContain("Warnings: 4 resting on 2 part(s) of the specs that are cardmock's guesses, not the vendor's word:");
    expect(text).toContain('  ~ #/bodies (3): why #/bodies\n      s1 [contentTypeDocumented, bodyMatchesSchema], s2 [contentTypeDocumented]');
    expect(text).not.toMatch(/\[contentTypeDocumented\] s1: expected/);
  });

  it('Markdown and JUnit: a row, and a testcase, per part', () => {
    expect(markdown(report)).toContain('| #/bodies | why #/bodies | 3 | s1 [contentTypeDocumented, bodyMatchesSchema], s2 [contentTypeDocumented] |');
    const xml = junit(report);
    expect(xml).toContain('<testsuite name="cardmock warnings by guessed part" tests="2"');
    expect(xml).toContain('<testcase classname="warnings" name="#/bodies (3)">');
  });

  it('the matrix by rule is in every report', () => {
    expect(summary(report)).toMatch(/pismo\.bind\.card-exists +D +400 CARD_NOT_FOUND +✓ passed/);
    expect(markdown(report)).toContain('| pismo.bind.card-exists | documented | 400 CARD_NOT_FOUND | passed | s1, s2 |');
    expect(junit(report)).toContain('<testcase classname="matrix.pismo.rules" name="pismo.bind.card-exists">');
  });
});
