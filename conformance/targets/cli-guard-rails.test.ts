/**
 * `cardmock conform` stops a run that cannot mean anything, with one clear line and exit 2 before
 * any scenario (nothing listening, --only matching nothing, a cardmock root given for one vendor);
 * an empty run is not a green one; --plan says what a sandbox run needs; the matrix explains its marks.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../../mocks/adapters/node-http.ts';
import { fixturePlan } from '../lib/fixture-pool.ts';
import { scenarios } from '../cases/index.ts';
import { newEngine } from './mock-targets.ts';
import { serveDuringSuite, tempDirDuringSuite } from '../../mocks/testing/suite-server.ts';
import { CLI } from '../../mocks/testing/cli-server.ts';

const execute = promisify(execFile);
type Result = { code: number; stdout: string; stderr: string };
const conform = (...args: string[]): Promise<Result> =>
  execute(process.execPath, [CLI, 'conform', ...args], { timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: Result) => e,
  );

/** A port nothing listens on: bound once to learn a free one, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

describe('cardmock conform guard rails', () => {
  const server = serveDuringSuite();
  const dir = tempDirDuringSuite('cardmock-guard-');

  it('nothing listening at the base URL: one clear line, exit 2, no scenario run', async () => {
    const result = await conform('--vendor', 'pismo', '--base-url', `http://127.0.0.1:${await closedPort()}/pismo`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing answers at http:\/\/127\.0\.0\.1:\d+\/pismo \(ECONNREFUSED\)/);
    expect(result.stderr).not.toMatch(/\[\s*1\//);
  });

  it('--only matching nothing: exit 2', async () => {
    const result = await conform('--base-url', server().url, '--only', 'no-such-scenario');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--only no-such-scenario matches no scenario/);
  });

  it('a cardmock root given for one vendor: a hint naming the /<vendor> prefix', async () => {
    const result = await conform('--vendor', 'paysafe', '--base-url', server().url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Use --base-url ${server().url}/paysafe`);
  });

  it('a base URL ending in a vendor prefix without --vendor: the hint, exit 2', async () => {
    const result = await conform('--base-url', `${server().url}/paysafe`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ends in /paysafe, one vendor's prefix, but --vendor is all: add --vendor paysafe to judge paysafe there, or give the server root (${server().url}) with --vendor all`);
  });

  it('a fixtures file with an unknown vendor, a misspelt key or a value that is no ID: exit 2 naming each', async () => {
    const file = path.join(dir(), 'typo.fixtures.json');
    await writeFile(file, JSON.stringify({ paysafee: {}, paysafe: { customerID: '1', targetCustomerId: { id: 2 } } }));
    const result = await conform('--vendor', 'paysafe', '--base-url', `${server().url}/paysafe`, '--fixtures', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown vendor "paysafee" (did you mean paysafe?)');
    expect(result.stderr).toContain('paysafe.customerID is no fixture a scenario uses (did you mean customerId?)');
    expect(result.stderr).toContain('paysafe.targetCustomerId must be a string, a number or a non-empty list of them, not an object');
    expect(result.stderr).not.toMatch(/\[\s*1\//);
  });

  it('every scenario skipped: exit 1 unless --allow-empty', async () => {
    // A sandbox-like run with no fixtures: everything is skipped for a missing fixture.
    const other = await startServer({ engine: newEngine(), port: 0, control: false });
    try {
      const args = ['--vendor', 'pismo', '--base-url', `${other.url}/pismo`, '--quiet'];
      const empty = await conform(...args);
      expect(empty.code).toBe(1);
      expect(empty.stdout).toMatch(/No scenario ran/);
      // Without --quiet the progress lines say why, naming the CLI's flag (the API names its option).
      const loud = await conform('--vendor', 'pismo', '--base-url', `${other.url}/pismo`, '--only', '202');
      expect(loud.stderr).toMatch(/pismo\.bind\.202-unbound-card \(changes data: run with --allow-mutations\)/);
      expect((await conform(...args, '--allow-empty')).code).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('the terminal matrix explains its marks', async () => {
    const result = await conform('--vendor', 'enfuce', '--base-url', `${server().url}/enfuce`, '--quiet');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\b404\*/);
    expect(result.stdout).toMatch(/\n {2}\* a status cardmock added \(x-inferred\)/);
    expect(result.stdout).toMatch(/✓ passed \(the documented answer came back\) {2}~ warned .* {2}✗ failed/);
  });

  it('a run against a cardmock server removes the sessions it created', async () => {
    const before = (await (await fetch(`${server().url}/__cardmock/sessions`)).json()) as { sessions: string[] };
    expect((await conform('--base-url', server().url, '--quiet')).code).toBe(0);
    const after = (await (await fetch(`${server().url}/__cardmock/sessions`)).json()) as { sessions: string[] };
    expect(after.sessions.filter((s) => s.startsWith('conform-'))).toEqual([]);
    expect(after.sessions.length).toBeLessThanOrEqual(before.sessions.length + 1);
  });

  it('--plan: per vendor and key, the values a full run needs, against what the file gives', async () => {
    const file = path.join(dir(), 'fixtures.json');
    await writeFile(file, JSON.stringify({ paysafe: { unassignedCardId: ['a', 'b'] } }));
    const result = await conform('--vendor', 'paysafe', '--plan', '--fixtures', file);
    expect(result.code).toBe(0);
    const needed = fixturePlan(scenarios.filter((s) => s.vendor === 'paysafe')).find((r) => r.key === 'unassignedCardId')!;
    expect(needed.needed).toBe(needed.consumers.length + 1);
    expect(result.stdout).toMatch(new RegExp(`paysafe\\.unassignedCardId\\s+${needed.needed}\\s+${needed.consumers.length}\\s+\\d+\\s+2\\s+short by ${needed.needed - 2}`));
  });
});
