import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PISMO_TOKEN } from '../../mocks/vendors/pismo/fixtures.ts';
import { serveDuringSuite, tempDirDuringSuite } from '../../mocks/testing/suite-server.ts';
import { CLI as cli } from '../../mocks/testing/cli-server.ts';

const run = promisify(execFile);

describe('cardmock conform (CLI) against a running server', () => {
  const server = serveDuringSuite();
  const dir = tempDirDuringSuite('cardmock-conform-');

  it('prints progress and the matrix, writes JUnit, exits 0', async () => {
    const output = path.join(dir(), 'report.xml');
    const { stdout, stderr } = await run(process.execPath, [cli, 'conform', '--base-url', server().url, '--output', output], { timeout: 60_000 });
    expect(stderr).toMatch(/\[\s*1\/\d+\] ✓/);
    expect(stdout).toMatch(/Coverage matrix/);
    expect(stdout).toMatch(/matrix complete/);
    const xml = await readFile(output, 'utf8');
    expect(xml).toMatch(/<testsuites name="cardmock conform">/);
    expect(xml).toMatch(/<testcase classname="pismo.post-v2-card-bind"/);
    expect(xml).not.toMatch(/<failure/);
  });

  it('never prints or writes the --auth value, though failures show how to reproduce them', async () => {
    // A token the mock refuses: scenarios fail, and each failure carries a curl line with the header.
    const secret = `${PISMO_TOKEN}.with-a-fourth-part`;
    const auth = `Bearer ${secret}`;
    const outputs = await Promise.all(
      (['junit', 'json', 'markdown'] as const).map(async (reporter) => {
        const output = path.join(dir(), `secret.${reporter}`);
        const result = await run(process.execPath, [cli, 'conform', '--vendor', 'pismo', '--base-url', `${server().url}/pismo`, '--auth', auth, '--reporter', reporter, '--output', output], { timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
        expect((result as { code?: number }).code).toBe(1);
        return [result.stdout, result.stderr, await readFile(output, 'utf8')];
      }),
    );
    const everything = outputs.flat().join('\n');
    expect(everything).toMatch(/pismo\.bind\.202-unbound-card/);
    expect(everything).toMatch(/reproduce: curl .*authorization: \[REDACTED\]/);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(PISMO_TOKEN.split('.')[1]!);
  });

  it.each([`'`, '"', '&', '<', '\\'])('removes a secret containing %s from every output and report, in every escaped form', async (special) => {
    // A token the mock refuses, so failures print curl lines carrying it: shell-quoted in the
    // terminal, then JSON-escaped, XML-escaped or Markdown-escaped in the reports.
    const marker = 'SeCrEtMaRk';
    const secret = `tok${special}en${special}${marker}`;
    const outputs = await Promise.all(
      (['junit', 'json', 'markdown'] as const).map(async (reporter) => {
        const output = path.join(dir(), `escaped-${reporter}-${special.charCodeAt(0)}`);
        const result = await run(process.execPath, [cli, 'conform', '--vendor', 'paysafe', '--base-url', `${server().url}/paysafe`, '--auth', `Bearer ${secret}`, '--reporter', reporter, '--output', output], { timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
        expect((result as { code?: number }).code).toBe(1);
        return [result.stdout, result.stderr, await readFile(output, 'utf8')];
      }),
    );
    const everything = outputs.flat().join('\n');
    expect(everything).toMatch(/reproduce: curl .*\[REDACTED\]/);
    expect(everything).not.toContain(marker);
  });

  it('redacts credentials given in the fixtures file too', async () => {
    const { writeFile } = await import('node:fs/promises');
    // A till that may write, given as the read-only one: the 403 scenario fails and prints its curl line.
    const secret = `Basic ${btoa('store.server:8a16a6b70505eb1f1ff7cdc0cd5559a7')}`;
    const file = path.join(dir(), 'fixtures.json');
    await writeFile(file, JSON.stringify({ capillary: { readOnlyAuthorization: secret } }));
    const result = await run(process.execPath, [cli, 'conform', '--vendor', 'capillary', '--base-url', `${server().url}/capillary`, '--fixtures', file, '--only', '403'], { timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((result as { code?: number }).code).toBe(1);
    expect(result.stdout).toMatch(/capillary\.add\.403-read-only-till/);
    expect(result.stdout).toMatch(/reproduce: curl .*\[REDACTED\]/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret.split(' ')[1]!);
  });

  it('a fixtures file that is not JSON is named, never quoted (it may hold credentials)', async () => {
    const { writeFile } = await import('node:fs/promises');
    const file = path.join(dir(), 'broken-fixtures.json');
    await writeFile(file, '{"capillary": {"readOnlyAuthorization": "Basic QUOTED-SECRET-VALUE"');
    const result = await run(process.execPath, [cli, 'conform', '--vendor', 'capillary', '--base-url', `${server().url}/capillary`, '--fixtures', file], { timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((result as { code?: number }).code).toBe(2);
    expect(result.stderr).toMatch(/cannot read fixtures .*broken-fixtures\.json: not valid JSON/);
    expect(`${result.stdout}${result.stderr}`).not.toContain('QUOTED-SECRET-VALUE');
  });

  it('exits 1 and names the failing check when the target breaks the contract', async () => {
    // A wrong token for Pismo: every scenario that expects success is refused with 401.
    const result = await run(process.execPath, [cli, 'conform', '--vendor', 'pismo', '--base-url', `${server().url}/pismo`, '--auth', 'Bearer wrong.token.value', '--quiet'], { timeout: 60_000 }).catch((e: { code: number; stdout: string }) => e);
    expect((result as { code?: number }).code).toBe(1);
    expect(result.stdout).toMatch(/\[ruleKept\] pismo\.bind\.202-unbound-card: expected 202 .*got 401\. The target refused the credentials/);
    expect(result.stdout).not.toContain('wrong.token.value');
  });

  it('rejects bad usage with exit 2 and a clear message', async () => {
    const result = await run(process.execPath, [cli, 'conform', '--vendor', 'nope'], { timeout: 30_000 }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code?: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/unknown vendor "nope"/);
  });
});
