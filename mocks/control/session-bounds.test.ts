import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createEngine, type EngineOptions } from '../core/engine.ts';
import { concreteCall, sampleCall } from '../core/sample-call.ts';
import type { SessionLimits } from '../core/session/session-limits.ts';
import { STATE_BYTES_PER_STORED_BYTE } from '../core/session/session-pool.ts';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { allVendors } from '../vendors/index.ts';

const vendor = (name: string) => allVendors.find((v) => v.name === name)!;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function serve(limits: Partial<SessionLimits> = {}, options: Partial<EngineOptions> = {}): Promise<RunningServer> {
  server = await startServer({ engine: createEngine({ vendors: allVendors, limits, ...options }), port: 0 });
  return server;
}
const control = (method: string, path: string, session: string, body?: unknown) =>
  fetch(`${server!.url}/__cardmock${path}`, { method, headers: { 'x-cardmock-session': session, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
const call = (name: string, session: string, operationId?: string, extra: { body?: string; index?: number } = {}) => {
  const v = vendor(name);
  const op = operationId ?? v.responses.operations[0]!.operationId;
  const c = extra.index === undefined ? sampleCall(v, op) : concreteCall(v, op, v.samples.scale.call(op, extra.index));
  return fetch(`${server!.url}/${name}${c.path}`, { method: c.method, headers: { ...c.headers, 'x-cardmock-session': session }, ...(extra.body ?? c.body ? { body: extra.body ?? c.body! } : {}) });
};
const sessions = async () =>
  (await (await control('GET', '/sessions', 'observer')).json()) as { sessions: string[]; live: number; maxSessions: number; storedBytes: number; memoryBytes: number; maxMemoryBytes: number; evicted: { lru: number; idle: number; memory: number } };

describe('a session exists only once it holds state', () => {
  it('requests that change nothing leave no session behind', async () => {
    await serve();
    await fetch(`${server!.url}/paysafe/no/such/path`, { headers: { 'x-cardmock-session': 'a-404' } });
    await fetch(`${server!.url}/no-such-vendor/x`, { headers: { 'x-cardmock-session': 'unknown-vendor' } });
    for (const path of ['/paysafe/state', '/pismo/events', '/requests', '/faults', '/sessions']) await control('GET', path, `control-get-${path}`);
    await call('paysafe', 'rejected', undefined, { body: '{"broken": ' });
    expect((await sessions()).sessions).toEqual([]);
    await call('paysafe', 'changed');
    await control('POST', '/faults', 'with-a-rule', { vendor: 'pismo', delayMs: 1 });
    expect((await sessions()).sessions.sort()).toEqual(['changed', 'with-a-rule']);
  });

  it('the default session keeps the log of a refusal alone, with its rule, for the dashboard', async () => {
    await serve();
    expect((await call('paysafe', 'default', undefined, { body: '{"broken": ' })).status).toBe(400);
    const log = await (await control('GET', '/requests', 'default')).json();
    expect(log.requests).toEqual([expect.objectContaining({ vendor: 'paysafe', status: 400, rule: 'paysafe.assign.request-valid' })]);
    expect((await sessions()).sessions).toEqual(['default']);
  });

  it('beyond the limit the least recently used session is evicted, and /sessions counts it', async () => {
    await serve({ maxSessions: 2 });
    for (const s of ['one', 'two', 'three']) expect((await call('paysafe', s)).status).toBe(200);
    const seen = await sessions();
    expect(seen.sessions.sort()).toEqual(['three', 'two']);
    expect(seen).toMatchObject({ live: 2, maxSessions: 2, evicted: { lru: 1, idle: 0 } });
  });
});

describe('a memory budget for all sessions together (--max-memory)', () => {
  const customers = (n: number, from: number) => ({ customers: Array.from({ length: n }, (_, i) => ({ customerId: `C-${from + i}` })) });

  it('past the budget the least recently used sessions are evicted, and /sessions counts them', async () => {
    const body = JSON.stringify(customers(100, 0));
    // Room for the state of three such bodies, estimated from their bytes.
    await serve({ maxMemoryBytes: 3 * STATE_BYTES_PER_STORED_BYTE * body.length + 10 });
    for (const s of ['one', 'two', 'three', 'four', 'five']) expect((await control('POST', '/enfuce/fixtures', s, customers(100, 0))).status).toBe(200);
    const seen = await sessions();
    expect(seen.sessions.sort()).toEqual(['five', 'four', 'three']);
    expect(seen).toMatchObject({ storedBytes: 3 * body.length, memoryBytes: 3 * STATE_BYTES_PER_STORED_BYTE * body.length, evicted: { lru: 0, idle: 0, memory: 2 } });
    // Reading or resetting counts: a used session is kept, emptied bytes no longer count.
    await control('GET', '/enfuce/state', 'three');
    await control('POST', '/reset', 'four');
    expect((await control('POST', '/enfuce/fixtures', 'six', customers(100, 0))).status).toBe(200);
    expect((await sessions()).sessions.sort()).toEqual(['five', 'six', 'three']);
  });

  it('one session may store no more than the budget allows', async () => {
    const body = JSON.stringify(customers(100, 0));
    await serve({ maxMemoryBytes: STATE_BYTES_PER_STORED_BYTE * (body.length - 1) });
    const r = await control('POST', '/enfuce/fixtures', 'alone', customers(100, 0));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'SESSION_LIMIT', message: expect.stringContaining('--max-memory') });
  });
});

describe('per-session limits, each a clear 4xx', () => {
  it('entities: fixtures and operations beyond the limit are refused', async () => {
    const capillary = vendor('capillary');
    const base = 20;
    await serve({ maxEntities: base });
    const fixtures = (count: number, offset: number) => capillary.samples.scale.fixtures(count, offset);
    const seeded = await control('POST', '/capillary/fixtures', 'full', fixtures(1, 0));
    expect(seeded.status).toBe(200);
    const over = await control('POST', '/capillary/fixtures', 'full', fixtures(50, 1));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'SESSION_LIMIT', message: expect.stringContaining('--max-entities') });
    let refused: Response | undefined;
    for (let i = 0; i < base && !refused; i++) {
      const r = await call('capillary', 'full', 'addCardToSeries', { index: 1_000 + i });
      if (r.status !== 200) refused = r;
    }
    expect(refused?.status).toBe(400);
    expect(await refused!.text()).toMatch(/entities/);
  });

  it('stored bytes: fixtures past the session budget are refused; other sessions are not affected', async () => {
    await serve({ maxStoredBytes: 4_000 });
    const customers = (n: number, from: number) => ({ customers: Array.from({ length: n }, (_, i) => ({ customerId: `C-${from + i}` })) });
    expect((await control('POST', '/enfuce/fixtures', 'big', customers(50, 0))).status).toBe(200);
    const over = await control('POST', '/enfuce/fixtures', 'big', customers(200, 100));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/--max-stored-bytes/);
    expect((await control('POST', '/enfuce/fixtures', 'other', customers(50, 0))).status).toBe(200);
  });

  it('stored bytes are counted in UTF-8 bytes, not characters', async () => {
    await serve({ maxStoredBytes: 4_000 });
    // 80 names of 22 characters, 20 of them two bytes each: about 3 200 characters, 4 800 bytes.
    const body = (letter: string) => ({ customers: Array.from({ length: 80 }, (_, i) => ({ customerId: `${letter.repeat(20)}${String(i).padStart(2, '0')}` })) });
    expect(JSON.stringify(body('Å')).length).toBeLessThan(4_000);
    const r = await control('POST', '/enfuce/fixtures', 'utf8', body('Å'));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/--max-stored-bytes/);
    expect((await control('POST', '/enfuce/fixtures', 'ascii', body('A'))).status).toBe(200);
  });

  it('a stored body nested 5 000 deep is refused, and the state endpoint keeps answering', async () => {
    await serve();
    const enfuce = sampleCall(vendor('enfuce'), vendor('enfuce').responses.operations[0]!.operationId);
    // Built as text: serialising it would overflow the test's own stack.
    const deep = enfuce.body!.replace(/}\s*$/, `,"extra":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`);
    const r = await call('enfuce', 'deep', undefined, { body: deep });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/nests deeper than/);
    expect((await control('GET', '/enfuce/state', 'deep')).status).toBe(200);
    const fixtures = await control('POST', '/enfuce/fixtures', 'deep', JSON.parse('{"customers":[' + '['.repeat(100) + ']'.repeat(100) + ']}'));
    expect(fixtures.status).toBe(400);
  });
});

describe('the state endpoint streams', () => {
  it('a large state is written in chunks, and other sessions are answered while a slow reader holds it', async () => {
    await serve();
    const entities = 100_000;
    for (let offset = 0; offset < entities; offset += 10_000) {
      expect((await control('POST', '/enfuce/fixtures', 'huge', vendor('enfuce').samples.scale.fixtures(10_000, offset))).status).toBe(200);
    }
    const { port } = server!;
    const result = await new Promise<{ chunked: boolean; othersDoneFirst: boolean; customers: number }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/__cardmock/enfuce/state', headers: { 'x-cardmock-session': 'huge' } }, (res) => {
        res.pause();
        let othersDone = false;
        // While this reader holds the stream, another session's requests are answered.
        Promise.all(Array.from({ length: 10 }, () => call('paysafe', 'bystander'))).then((answers) => {
          othersDone = answers.every((a) => a.status < 500);
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const state = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { customers: unknown[] };
            resolve({ chunked: res.headers['transfer-encoding'] === 'chunked', othersDoneFirst: othersDone, customers: state.customers.length });
          });
          res.resume();
        }, reject);
      });
      req.on('error', reject);
    });
    expect(result).toEqual({ chunked: true, othersDoneFirst: true, customers: entities + 2 });
  });
});

describe('control calls naming a vendor that is not served', () => {
  it.each([
    ['POST', '/reset?vendor=nosuch'],
    ['GET', '/nosuch/events'],
    ['GET', '/nosuch/state'],
    ['POST', '/nosuch/fixtures'],
  ])('%s %s → 404', async (method, path) => {
    await serve();
    const r = await control(method, path, 'someone', method === 'POST' && path.endsWith('fixtures') ? {} : undefined);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
