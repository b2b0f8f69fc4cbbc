/**
 * The suite against a stand-in for a vendor sandbox: `cardmock serve --no-control` hides the
 * control API, ignores x-cardmock-* headers and keeps one state for every client, as a sandbox
 * does. With pooled fixtures and --allow-mutations every scenario that can run there passes, none
 * is starved of a fixture, and every documented pair is exercised or carries its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, type ChildProcess } from 'node:child_process';
import { serveCli } from '../../mocks/testing/cli-server.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { allVendors } from '../../mocks/vendors/index.ts';
import type { RunReport } from '../lib/run.ts';
import { CLI as cli } from '../../mocks/testing/cli-server.ts';

const run = promisify(execFile);
const POOL = 6;
/** Pooled fixture key → the path parameter of the vendor's scale calls that names such an entity. */
const POOLED: Record<string, Record<string, string>> = {
  pismo: { unboundCardId: 'cardId' },
  paysafe: { unassignedCardId: 'cardId' },
  'exchange-solutions': { activeSessionId: 'correlation_id' },
};

/** Seed entities (each vendor's scale fixtures) and the fixtures file that pools them. */
function sandboxData() {
  const seed: Record<string, unknown> = {};
  const fixtures: Record<string, Record<string, unknown>> = {};
  for (const vendor of allVendors) {
    const samples = vendor.samples as typeof vendor.samples & { scale: { fixtures(n: number): unknown; call(op: string, i: number): { path: Record<string, unknown> } } };
    fixtures[vendor.name] = { ...samples.fixtures };
    const pooled = POOLED[vendor.name];
    if (!pooled) continue;
    seed[vendor.name] = samples.scale.fixtures(POOL);
    const operationId = Object.keys(samples.requests)[0]!;
    for (const [key, param] of Object.entries(pooled)) fixtures[vendor.name]![key] = Array.from({ length: POOL }, (_, i) => samples.scale.call(operationId, i).path[param]);
  }
  // Each scale account of Exchange Solutions is empty, with room for 5 cards.
  fixtures['exchange-solutions']!.activeCardRoom = Array(POOL).fill(5);
  // Pismo's reissues use up bound cards of the token's account: a pool of its own.
  const reissuable = Array.from({ length: POOL }, (_, i) => 8_000_000 + i);
  const pismoSeed = seed.pismo as { cards: object[] };
  pismoSeed.cards.push(...reissuable.map((cardId) => ({ cardId, status: 'NORMAL', accountId: 1001, customerId: 2001, programId: 1001 })));
  fixtures.pismo!.reissuableCardId = reissuable;
  return { seed, fixtures };
}

describe('conformance: a sandbox stand-in (cardmock serve --no-control) with pooled fixtures', () => {
  let server: ChildProcess;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cardmock-sandbox-'));
    const { seed, fixtures } = sandboxData();
    await writeFile(path.join(dir, 'seed.json'), JSON.stringify(seed));
    await writeFile(path.join(dir, 'fixtures.json'), JSON.stringify(fixtures));
    ({ child: server, url } = await serveCli(['--no-control', '--seed', path.join(dir, 'seed.json'), '--port', '0', '--quiet']));
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('hides the control API', async () => {
    const response = await fetch(`${url}/__cardmock/sessions`);
    expect(response.status).toBe(404);
  });

  it.each(allVendors.map((v) => [v.name, v.samples.authorization] as const))('%s: zero failures, every pair exercised or reasoned', async (vendor, auth) => {
    const output = path.join(dir, `${vendor}.json`);
    const args = ['conform', '--vendor', vendor, '--base-url', `${url}/${vendor}`, '--auth', auth, '--fixtures', path.join(dir, 'fixtures.json'), '--allow-mutations', '--quiet', '--reporter', 'json', '--output', output];
    const result = await run(process.execPath, [cli, ...args], { timeout: 60_000 }).catch((e: { code: number; stdout: string }) => e);
    expect((result as { code?: number }).code ?? 0, result.stdout).toBe(0);
    const report = JSON.parse(await readFile(output, 'utf8')) as RunReport;
    expect(report.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual([]);
    // Nothing starved: the only scenarios that do not run need fault injection, which a sandbox lacks.
    for (const r of report.results.filter((r) => r.outcome !== 'passed')) expect(r.reason, r.id).toMatch(/fault injection/);
    expect(report.matrix.rows.filter((r) => r.outcome === 'missing')).toEqual([]);
    expect(report.matrix.rows.every((r) => r.outcome === 'passed' || r.reason)).toBe(true);
  });
});
