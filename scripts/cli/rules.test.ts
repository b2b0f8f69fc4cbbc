/**
 * `cardmock rules` prints every rule of every catalogue with its provenance, source, answer and
 * the scenarios that judge it; `--format md` as tables; usage errors exit 2.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../conformance/cases/index.ts';
import { vendorNames, vendorSpec } from '../../conformance/lib/spec-index.ts';
import { describeSource } from '../../specs/lib/rules.ts';
import { CLI as cli } from '../../mocks/testing/cli-server.ts';

const exec = promisify(execFile);
const rules = (...args: string[]) => exec(process.execPath, [cli, 'rules', ...args], { timeout: 30_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);

describe('cardmock rules', () => {
  it('prints every rule, its D/I mark, answer, source and scenarios', async () => {
    const { stdout } = await rules();
    for (const vendor of vendorNames()) {
      for (const rule of vendorSpec(vendor).operations.flatMap((op) => op.rules)) {
        expect(stdout).toContain(`  ${rule.id}  ${rule.provenance === 'documented' ? 'D' : 'I'}  → ${rule.answer.status}`);
        expect(stdout).toContain(rule.rule);
        expect(stdout).toContain(`source: ${describeSource(rule.source)}`);
      }
    }
    const judged = scenarios.find((s) => s.rule === 'paysafe.assign.card-of-customer')!;
    expect(stdout).toMatch(new RegExp(`judged by: ${judged.id.replace(/\./g, '\\.')}`));
    expect(stdout).toMatch(/enfuce\.create\.pin-status-default[\s\S]*?judged by: none: the 201 answer does not show pinStatus/);
  });

  it('--vendor keeps one vendor; --format md writes a table per operation', async () => {
    const { stdout } = await rules('--vendor', 'capillary', '--format', 'md');
    expect(stdout).toMatch(/^# cardmock rules/);
    expect(stdout).toContain('| rule | D/I | answer | what | source | judged by |');
    expect(stdout).toMatch(/\| capillary\.add\.password-as-md5 \| D \| 401 UNAUTHORISED \|/);
    expect(stdout).not.toContain('pismo.bind');
  });

  it.each([
    [['--vendor', 'nope'], /^cardmock rules: unknown vendor "nope"/],
    [['--format', 'html'], /^cardmock rules: --format must be text or md/],
  ])('%j exits 2 with the reason', async (args, message) => {
    const result = await rules(...args);
    expect((result as { code?: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(message);
  });
});
