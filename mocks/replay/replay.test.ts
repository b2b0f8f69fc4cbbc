/**
 * Replay is a layer of the app, so every transport answers it: over HTTP (`serve --replay`) and over
 * MSW (`createHandlers({ replay })`, what `startCardmock({ replay })` runs in a page). Recorded
 * answers come back byte for byte (a redacted value matching any), anything else reaches the
 * stateful mock, a body past the cap of `serve` is never matched, nothing under `/__cardmock` is
 * replay's and the control API keeps its Host guard; recordings given as data are checked against
 * the recording format before anything is answered.
 */
import http from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, DEFAULT_CONTROL_BASE_URL, sandboxBaseUrl } from '../adapters/msw.ts';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { createApp } from '../app/create-app.ts';
import { createEngine } from '../core/engine.ts';
import { allVendors } from '../vendors/index.ts';
import type { RecordedExchange } from './recording.ts';
import { REPLAY_HEADER } from './replay-answer.ts';

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
  // The same request recorded twice: answered in recorded order, then the last answer repeats.
  { n: 10, vendor: 'paysafe', request: { method: 'GET', url: '/twice?x=1', headers: {} }, response: { status: 200, headers: {}, body: 'first' } },
  { n: 11, vendor: 'paysafe', request: { method: 'GET', url: '/twice?x=1', headers: {} }, response: { status: 503, headers: {}, body: 'second' } },
  // Recorded without a body: a body the transport could not read is not "no body".
  { n: 12, vendor: 'paysafe', request: { method: 'POST', url: '/bodiless', headers: {} }, response: { status: 200, headers: {}, body: 'replayed' } },
];

/** Sends a request to the vendor (`path` below its base URL) or to the control API (`control`), and reads the answer as bytes. */
interface Way {
  vendor(path: string, init?: RequestInit): Promise<Response>;
  control(path: string): Promise<Response>;
}

const PAYSAFE_INIT: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer paysafe-sandbox-token' } };

function replayedEverywhere(name: string, start: () => Promise<Way>, stop: () => Promise<void> | void) {
  describe(`replay ${name}`, () => {
    let way: Way;
    beforeAll(async () => {
      way = await start();
    });
    afterAll(stop);

    it('answers a recorded request byte for byte; redacted values match any value', async () => {
      const r = await way.vendor(`${ASSIGN}?apiToken=anything`, { ...PAYSAFE_INIT, body: '{"targetCustomerId":"1233333323","password":"whatever"}' });
      expect([r.status, r.headers.get(REPLAY_HEADER), r.headers.get('x-recorded'), await r.text()]).toEqual([201, '7', 'yes', '{ "recorded" :  true }']);
      const bytes = await way.vendor('/binary');
      expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 1, 2, 255]);
      const framed = await way.vendor('/framed');
      expect([framed.status, await framed.text()]).toEqual([200, 'framed']);
    });

    it('answers a request recorded twice in recorded order, then repeats the last answer', async () => {
      const answers = [];
      for (let i = 0; i < 3; i++) {
        const r = await way.vendor('/twice?x=1');
        answers.push([r.status, await r.text()]);
      }
      expect(answers).toEqual([[200, 'first'], [503, 'second'], [503, 'second']]);
    });

    it('a request the recordings do not hold reaches the stateful mock, body and all', async () => {
      const r = await way.vendor(`${ASSIGN}?apiToken=anything`, { ...PAYSAFE_INIT, body: '{"targetCustomerId":"1233333323","password":"x","extra":1}' });
      expect(r.headers.get(REPLAY_HEADER)).toBeNull();
      expect([r.status, r.headers.get('x-cardmock-rule')]).toEqual([200, 'paysafe.assign.assigns-card']);
      const otherQuery = await way.vendor('/twice?x=2');
      expect(otherQuery.headers.get(REPLAY_HEADER)).toBeNull();
    });

    it('the control API is never replay\'s', async () => {
      const r = await way.control('/__cardmock/sessions');
      expect(r.status).toBe(200);
      expect(r.headers.get(REPLAY_HEADER)).toBeNull();
    });
  });
}

let server: RunningServer | undefined;
replayedEverywhere(
  'over HTTP (serve --replay)',
  async () => {
    server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0, replay: recorded });
    const url = server.url;
    return { vendor: (path, init) => fetch(`${url}/paysafe${path}`, init), control: (path) => fetch(`${url}${path}`) };
  },
  () => server?.close(),
);

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
let msw: ReturnType<typeof setupServer> | undefined;
replayedEverywhere(
  'over MSW (createHandlers({ replay }))',
  async () => {
    msw = setupServer(...createHandlers({ replay: recorded }));
    // 'error': an unmatched request fails inside MSW and never reaches the network.
    msw.listen({ onUnhandledRequest: 'error' });
    return { vendor: (path, init) => fetch(`${sandboxBaseUrl(paysafe)}${path}`, init), control: (path) => fetch(`${DEFAULT_CONTROL_BASE_URL}${path}`) };
  },
  () => msw?.close(),
);

describe('replay over HTTP keeps the guards of serve', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0, replay: recorded });
  });
  afterAll(() => running?.close());

  it('a body past the cap on a recorded path: the mock answers its documented 400, nothing is replayed', async () => {
    const huge = JSON.stringify({ targetCustomerId: '1233333323', password: 'x', padding: 'x'.repeat(5 * 1024 * 1024) });
    const r = await fetch(`${running.url}/paysafe${ASSIGN}?apiToken=anything`, { ...PAYSAFE_INIT, body: huge });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/larger than 1048576 bytes/);
    expect(r.headers.get(REPLAY_HEADER)).toBeNull();
    const bodiless = await fetch(`${running.url}/paysafe/bodiless`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(bodiless.headers.get(REPLAY_HEADER)).toBeNull();
    expect(await bodiless.text()).toMatch(/larger than 1048576 bytes|no operation/);
  });

  it('the control API keeps its Host guard', async () => {
    const status = await new Promise<number>((resolve) => http.get(`${running.url}/__cardmock/sessions`, { headers: { host: 'evil.example' }, agent: false }, (res) => resolve(res.statusCode!)));
    expect(status).toBe(403);
  });
});

describe('recordings given as data', () => {
  it('are checked against the recording format and the vendors served before anything is answered', () => {
    const broken = [{ ...recorded[0]!, response: { ...recorded[0]!.response, status: 0 } }, { ...recorded[1]!, vendor: 'pismo' }];
    expect(() => createApp({ vendors: [paysafe], replay: broken })).toThrow(/recording 0: \/response\/status must be >= 200[\s\S]*recording 1: names vendor pismo, which is not served/);
    expect(() => createHandlers({ replay: [{ ...recorded[0]!, request: { ...recorded[0]!.request, url: 'http://evil.example/x' } }] })).toThrow(/recording 0: \/request\/url must match pattern/);
  });

  it('never answer a path under /__cardmock, even given a recording for the vendor name __cardmock', async () => {
    // The format refuses that name; the layer holds its own line too.
    const { createReplay } = await import('./replay-answer.ts');
    const control: RecordedExchange = { ...recorded[0]!, vendor: '__cardmock', request: { method: 'POST', url: '/reset', headers: {} } };
    const replay = createReplay([...recorded, control]);
    expect(replay.answer({ method: 'POST', path: '/__cardmock/reset', query: new URLSearchParams(), headers: {} })).toBeUndefined();
    expect(replay.answer({ method: 'GET', path: '/paysafe/binary', query: new URLSearchParams(), headers: {} })?.status).toBe(200);
  });
});
