/**
 * The judging proxy over loopback: in front of our own server (every scenario of the suite sent
 * through it), in front of deliberately broken upstreams, and recording a session that
 * `serve --replay` then answers byte for byte.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../conformance/cases/index.ts';
import { runConformance } from '../../conformance/lib/run.ts';
import { trafficReport } from '../../conformance/lib/traffic-report.ts';
import { ownMockTarget, newEngine, served } from '../../conformance/targets/mock-targets.ts';
import { startServer, type RunningServer } from '../../mocks/adapters/node-http.ts';
import { fixturesSeen } from '../../mocks/replay/fixtures-seen.ts';
import { loadRecordings } from '../../mocks/replay/load-recordings.ts';
import { REPLAY_HEADER } from '../../mocks/replay/replay-answer.ts';
import { PROXY_ERROR_HEADER, startProxy, type RunningProxy } from './proxy-server.ts';

const PAYSAFE = 'Bearer paysafe-sandbox-token';
const ASSIGN = '/customers/1231122232/prepaid/cards/f16ba382-eb42-481a-b08f-c57bdc9aae24/assignments';
const toClose: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(toClose.splice(0).map((s) => s.close()));
});

async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('proxy in front of our own server', () => {
  it('sees every scenario of the suite without a violation, and meets every documented pair', async () => {
    const server = await startServer({ engine: newEngine(), port: 0 });
    toClose.push(server);
    const proxy = await startProxy({ upstreams: Object.fromEntries(served.map((v) => [v, `${server.url}/${v}`])), port: 0 });
    toClose.push(proxy);
    const report = await runConformance({ target: ownMockTarget('through proxy', (v) => `${proxy.url}/${v}`), scenarios, concurrency: 2 });
    expect(report.results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(proxy.log.exchanges.length).toBeGreaterThanOrEqual(scenarios.length);
    expect(proxy.log.exchanges.flatMap((e) => e.errors)).toEqual([]);
    // Warnings only where a scenario sends a forbidden request on purpose and the rule it breaks is inferred.
    expect(proxy.log.exchanges.flatMap((e) => e.warnings).filter((f) => f.check !== 'requestMatchesSpec')).toEqual([]);
    // Scenarios that send a forbidden request on purpose are the only ones the request check flags.
    const flagged = proxy.log.exchanges.filter((e) => e.requestProblems.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((e) => e.status >= 400 && e.status < 500)).toBe(true);
    const traffic = trafficReport({ target: 'loopback', startedAt: new Date(), vendors: served, exchanges: [...proxy.log.exchanges] });
    expect(traffic.matrix.rows.filter((r) => r.outcome !== 'passed' && r.outcome !== 'failed')).toEqual([]);
  });
});

/** An upstream that always answers the same thing. */
async function fixedUpstream(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('proxy in front of broken upstreams', () => {
  const error = (code: string, message: string) => JSON.stringify({ error: { code, message, details: [] } });
  const table: [string, number, string, string][] = [
    ['an undocumented status', 418, error('TEAPOT', 'I am a teapot'), 'statusDocumented'],
    // Paysafe's page types `code` a string (which fields are required it does not say: see below).
    ['a body breaking the documented schema', 404, JSON.stringify({ error: { code: 404, message: 'not found' } }), 'bodyMatchesSchema'],
    ['a wrong documented error code', 404, error('DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD', 'Customer was not found'), 'errorCodeDocumented'],
    ['a 5xx', 500, error('DW-INTERNAL-SERVER-ERROR', 'Internal Server Error'), 'noServerError'],
  ];
  it.each(table)('judges %s with the named check and a curl line', async (_name, status, body, check) => {
    const upstream = await fixedUpstream(status, body);
    toClose.push(upstream);
    const proxy = await startProxy({ upstreams: { paysafe: upstream.url }, port: 0, authorization: PAYSAFE });
    toClose.push(proxy);
    const answer = await send(`${proxy.url}${ASSIGN}`, { body: JSON.stringify({ targetCustomerId: '1233333323' }) });
    expect(answer.status).toBe(status);
    expect(answer.text).toBe(body);
    const [exchange] = proxy.log.exchanges;
    expect(exchange!.verdict).toBe('violation');
    const failure = exchange!.errors.find((f) => f.check === check);
    expect(failure, JSON.stringify(exchange!.errors)).toBeDefined();
    expect(failure!.reproduce).toMatch(new RegExp(`^curl -X POST '${upstream.url}${ASSIGN}' .*authorization: \\[REDACTED\\]`));
    expect(failure!.reproduce).not.toContain('paysafe-sandbox-token');
  });

  it('judges a body missing a required field the page documents (Enfuce 201 without mainId)', async () => {
    const upstream = await fixedUpstream(201, JSON.stringify({ description: 'created', applications: [] }));
    toClose.push(upstream);
    const proxy = await startProxy({ upstreams: { enfuce: upstream.url }, port: 0, authorization: 'Bearer enfuce-sandbox-token' });
    toClose.push(proxy);
    const body = { mainApplication: { applicationName: 'DEBIT', accountId: '200001' }, applications: [{ applicationName: 'CREDIT', accountId: '200002' }] };
    await send(`${proxy.url}/v1/MULTI_APPLICATION_CARD/customer/100001?auditUser=me`, { body: JSON.stringify(body) });
    expect(proxy.log.exchanges[0]).toMatchObject({ verdict: 'violation', errors: [expect.objectContaining({ check: 'bodyMatchesSchema', expected: expect.stringMatching(/mainId/) })] });
  });

  it('honours x-inferred: a keyword cardmock inferred is only a warning; what the page documents fails', async () => {
    // Paysafe's page does not mark the 200 fields required (x-inferred-keywords), but its example
    // answer names the target as sent: a 200 without it breaks that documented promise.
    const upstream = await fixedUpstream(200, JSON.stringify({ cardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24', customerId: '1231122232' }));
    toClose.push(upstream);
    const proxy = await startProxy({ upstreams: { paysafe: upstream.url }, port: 0, authorization: PAYSAFE });
    toClose.push(proxy);
    await send(`${proxy.url}${ASSIGN}`, { body: JSON.stringify({ targetCustomerId: '1233333323' }) });
    expect(proxy.log.exchanges[0]).toMatchObject({
      verdict: 'violation',
      errors: [expect.objectContaining({ check: 'promisesKept', expected: expect.stringMatching(/^\/targetCustomerId="1233333323"/) })],
      warnings: [expect.objectContaining({ check: 'bodyMatchesSchema', inferred: expect.objectContaining({ part: expect.stringMatching(/AssignedCard required$/) }) })],
    });
  });

  it('flags a request the spec forbids and a path it does not document, as the client\'s fault', async () => {
    const upstream = await fixedUpstream(400, error('DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD', 'The provided cardId is already assigned.'));
    toClose.push(upstream);
    const proxy = await startProxy({ upstreams: { paysafe: upstream.url }, port: 0, authorization: PAYSAFE });
    toClose.push(proxy);
    await send(`${proxy.url}${ASSIGN}`, { body: JSON.stringify({ target: 1 }) });
    await send(`${proxy.url}/customers/1/cards`, { body: '{}' });
    expect(proxy.log.exchanges.map((e) => [e.verdict, e.requestProblems[0]?.check])).toEqual([
      ['invalid-request', 'requestMatchesSpec'],
      ['invalid-request', 'operationDocumented'],
    ]);
  });

  it('answers 504 itself when the upstream is too slow, and says so', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    toClose.push({ close: () => new Promise<void>((resolve) => { silent.closeAllConnections(); silent.close(() => resolve()); }) });
    const proxy = await startProxy({ upstreams: { paysafe: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` }, port: 0, timeoutMs: 200 });
    toClose.push(proxy);
    const answer = await send(`${proxy.url}${ASSIGN}`, { body: '{}' });
    expect(answer.status).toBe(504);
    expect(answer.headers.get(PROXY_ERROR_HEADER)).toBe('timeout');
    expect(proxy.log.exchanges[0]!.verdict).toBe('upstream-error');
  });

  it('lists exchanges at GET /__cardmock/exchanges', async () => {
    const upstream = await fixedUpstream(418, '{}');
    toClose.push(upstream);
    const proxy = await startProxy({ upstreams: { paysafe: upstream.url }, port: 0 });
    toClose.push(proxy);
    await send(`${proxy.url}${ASSIGN}`, { body: '{}', headers: { authorization: PAYSAFE } });
    const listed = JSON.parse((await send(`${proxy.url}/__cardmock/exchanges`, { method: 'GET' })).text);
    expect(listed.exchanges).toHaveLength(1);
    expect(listed.exchanges[0]).toMatchObject({ n: 1, vendor: 'paysafe', status: 418, verdict: 'violation' });
    expect(JSON.stringify(listed)).not.toContain('paysafe-sandbox-token');
  });
});

describe('record, then serve --replay', () => {
  let dir: string;
  let upstream: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cardmock-record-'));
  });
  afterAll(async () => {
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers recorded requests with byte-equal bodies, in recorded order, and falls through otherwise', async () => {
    upstream = await startServer({ engine: newEngine(), port: 0 });
    const proxy: RunningProxy = await startProxy({ upstreams: Object.fromEntries(served.map((v) => [v, `${upstream.url}/${v}`])), port: 0, recordDir: dir });
    // Entities the replaying server has not got: recorded, then loaded as fixtures.
    const session = { 'x-cardmock-session': 'recorded' };
    const card = '0b3c2f4e-5a6b-4c7d-8e9f-a0b1c2d3e4f5';
    const seeded = await send(`${upstream.url}/__cardmock/paysafe/fixtures`, { headers: session, body: JSON.stringify({ customers: [{ customerId: 'C-NEW-1' }, { customerId: 'C-NEW-2' }], cards: [{ cardId: card, customerId: 'C-NEW-1' }] }) });
    expect(seeded.status).toBe(200);
    const calls = [
      { url: `/paysafe/customers/C-NEW-1/prepaid/cards/${card}/assignments`, headers: { ...session, authorization: PAYSAFE }, body: JSON.stringify({ targetCustomerId: 'C-NEW-2' }) },
      { url: `/paysafe${ASSIGN}`, headers: { authorization: PAYSAFE }, body: JSON.stringify({ targetCustomerId: '1233333323' }) },
      { url: `/paysafe${ASSIGN}`, headers: { authorization: PAYSAFE }, body: JSON.stringify({ targetCustomerId: '1233333323' }) },
    ];
    const live = [];
    for (const c of calls) live.push(await send(`${proxy.url}${c.url}`, c));
    await proxy.close();
    expect(live.map((r) => r.status)).toEqual([200, 200, 400]);

    const read = await loadRecordings(dir, served);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const replaying = await startServer({ engine: newEngine(), port: 0, replay: read.recordings });
    toClose.push(replaying);
    const replayed = [];
    for (const c of calls) replayed.push(await send(`${replaying.url}${c.url}`, c));
    expect(replayed.map((r) => r.text)).toEqual(live.map((r) => r.text));
    expect(replayed.map((r) => r.status)).toEqual([200, 200, 400]);
    expect(replayed.every((r) => r.headers.get(REPLAY_HEADER) !== null)).toBe(true);
    // The last recorded answer repeats; an unrecorded request reaches the stateful mock.
    expect((await send(`${replaying.url}${calls[2]!.url}`, calls[2])).status).toBe(400);
    const other = await send(`${replaying.url}/paysafe/customers/1231122232/prepaid/cards/3fa85f64-5717-4562-b3fc-2c963f66afa6/assignments`, { headers: { authorization: PAYSAFE }, body: JSON.stringify({ targetCustomerId: '1233333323' }) });
    expect(other.status).toBe(200);
    expect(other.headers.get(REPLAY_HEADER)).toBeNull();

    // The entities seen load through the control API into a session of the replaying server.
    const fixtures = fixturesSeen(read.recordings);
    expect(fixtures.paysafe).toEqual({ customers: [{ customerId: 'C-NEW-1' }, { customerId: '1231122232' }], cards: [{ cardId: card, customerId: 'C-NEW-1' }, { cardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24', customerId: '1231122232' }] });
    const loaded = await send(`${replaying.url}/__cardmock/paysafe/fixtures`, { headers: { 'x-cardmock-session': 'loaded' }, body: JSON.stringify({ customers: fixtures.paysafe!.customers!.slice(0, 1), cards: fixtures.paysafe!.cards!.slice(0, 1) }) });
    expect(loaded.status).toBe(200);
    const state = JSON.parse((await send(`${replaying.url}/__cardmock/paysafe/state`, { method: 'GET', headers: { 'x-cardmock-session': 'loaded' } })).text);
    expect(JSON.stringify(state)).toContain(card);
  });
});
