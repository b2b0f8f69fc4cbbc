/**
 * `serve --replay` over HTTP: recorded answers byte for byte (a redacted value matching any),
 * the body cap of `serve` (a huge body on a recorded path is never buffered whole: the mock
 * answers its documented 400), and the control API untouched: its Host guard still answers.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { createEngine } from '../core/engine.ts';
import { allVendors } from '../vendors/index.ts';
import { createReplay, REPLAY_HEADER } from './replay-answer.ts';
import { installReplay } from './replay-listener.ts';
import type { RecordedExchange } from './recording.ts';

const ASSIGN = '/customers/1231122232/prepaid/cards/f16ba382-eb42-481a-b08f-c57bdc9aae24/assignments';
const recorded: RecordedExchange[] = [
  {
    n: 7,
    vendor: 'paysafe',
    request: { method: 'POST', url: `${ASSIGN}?apiToken=[REDACTED]`, headers: {}, body: '{"targetCustomerId":"1233333323","password":"[REDACTED]"}' },
    response: { status: 201, headers: { 'content-type': 'application/json', 'x-recorded': 'yes' }, body: '{ "recorded" :  true }' },
  },
  { n: 8, vendor: 'paysafe', request: { method: 'GET', url: '/binary', headers: {} }, response: { status: 200, headers: { 'content-type': 'application/octet-stream' }, bodyBase64: 'AAEC/w==' } },
  // Framing headers of the recorded connection, which Node refuses on an answer it frames itself.
  { n: 9, vendor: 'paysafe', request: { method: 'GET', url: '/framed', headers: {} }, response: { status: 200, headers: { trailer: 'x-checksum', 'transfer-encoding': 'chunked', 'content-length': '99' }, body: 'framed' } },
];

describe('serve --replay', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0 });
    installReplay(server.server, createReplay(recorded));
  });
  afterAll(() => server?.close());

  const send = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer paysafe-sandbox-token' }, ...init });

  it('answers a recorded request byte for byte; redacted values match any value', async () => {
    const r = await send(`/paysafe${ASSIGN}?apiToken=anything`, { body: '{"targetCustomerId":"1233333323","password":"whatever"}' });
    expect([r.status, r.headers.get(REPLAY_HEADER), r.headers.get('x-recorded'), await r.text()]).toEqual([201, '7', 'yes', '{ "recorded" :  true }']);
    const bytes = await fetch(`${server.url}/paysafe/binary`);
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    const framed = await fetch(`${server.url}/paysafe/framed`);
    expect([framed.status, await framed.text()]).toEqual([200, 'framed']);
  });

  it('a request the recordings do not hold reaches the stateful mock, body and all', async () => {
    const r = await send(`/paysafe${ASSIGN}?apiToken=anything`, { body: '{"targetCustomerId":"1233333323","password":"x","extra":1}' });
    expect(r.headers.get(REPLAY_HEADER)).toBeNull();
    expect(r.status).toBe(200);
  });

  it('a body past the cap on a recorded path: the mock answers its documented 400, the body is not kept', async () => {
    const huge = JSON.stringify({ targetCustomerId: '1233333323', padding: 'x'.repeat(5 * 1024 * 1024) });
    const r = await send(`/paysafe${ASSIGN}?apiToken=anything`, { body: huge });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/larger than 1048576 bytes/);
    expect(r.headers.get(REPLAY_HEADER)).toBeNull();
  });

  it('the control API keeps its Host guard with replay installed', async () => {
    const status = await new Promise<number>((resolve) => http.get(`${server.url}/__cardmock/sessions`, { headers: { host: 'evil.example' }, agent: false }, (res) => resolve(res.statusCode!)));
    expect(status).toBe(403);
    expect((await fetch(`${server.url}/__cardmock/sessions`)).status).toBe(200);
  });

  it('never answers a path under /__cardmock, even given a recording for the vendor name __cardmock', () => {
    // loadRecordings refuses that name; replay holds its own line too.
    const control = { ...recorded[0]!, vendor: '__cardmock', request: { method: 'POST', url: '/reset', headers: {} } };
    const replay = createReplay([...recorded, control]);
    expect(replay.mayAnswer('POST', `/paysafe${ASSIGN}`)).toBe(true);
    expect(replay.mayAnswer('POST', '/__cardmock/reset')).toBe(false);
    expect(replay.answer({ method: 'POST', url: '/__cardmock/reset', body: undefined })).toBeUndefined();
  });
});
