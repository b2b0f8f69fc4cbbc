import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createEngine } from '../core/engine.ts';
import { sampleCall } from '../core/sample-call.ts';
import { allVendors } from '../vendors/index.ts';
import { CONTROL_TOKEN_HEADER, controlVerdict } from './control-guard.ts';
import { startServer, type RunningServer } from './node-http.ts';
import { serveCli } from '../testing/cli-server.ts';
import { CLI as cli } from '../testing/cli-server.ts';

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;

const serve = serveCli;

describe('control API lock-down', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0, controlToken: 'let-me-in' });
  });
  afterAll(() => server?.close());

  it('refuses to listen on a non-loopback interface without a control token', async () => {
    await expect(startServer({ engine: createEngine({ vendors: allVendors }), port: 0, host: '0.0.0.0' })).rejects.toThrow(/control token/);
  });

  it('with a token configured, control calls without it get 401 and with it 200', async () => {
    const without = await fetch(`${server.url}/__cardmock/sessions`);
    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('CONTROL_TOKEN_REQUIRED');
    expect((await fetch(`${server.url}/__cardmock/sessions`, { headers: { [CONTROL_TOKEN_HEADER]: 'wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/__cardmock/sessions`, { headers: { [CONTROL_TOKEN_HEADER]: 'let-me-in' } })).status).toBe(200);
  });

  it('vendor endpoints need no control token', async () => {
    const call = sampleCall(paysafe, 'assignBulkCard');
    const r = await fetch(`${server.url}/paysafe${call.path}`, { method: call.method, headers: call.headers, body: call.body! });
    expect(r.status).toBe(200);
  });

  it('a page of another origin is refused, even on loopback', async () => {
    const local = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0 });
    try {
      const cross = await fetch(`${local.url}/__cardmock/reset`, { method: 'POST', headers: { origin: 'https://evil.example' } });
      expect(cross.status).toBe(403);
      const same = await fetch(`${local.url}/__cardmock/reset`, { method: 'POST', headers: { origin: local.url } });
      expect(same.status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('without a token, only loopback clients are answered', () => {
    const request = (remoteAddress: string) => ({ headers: { host: 'localhost:4010' }, remoteAddress });
    expect(controlVerdict(request('127.0.0.1')).ok).toBe(true);
    expect(controlVerdict(request('::1')).ok).toBe(true);
    expect(controlVerdict(request('192.0.2.7'))).toMatchObject({ ok: false, status: 403, code: 'LOOPBACK_ONLY' });
  });
});

describe('cardmock serve process', () => {
  it('finishes requests in flight at SIGTERM, then exits 0', async () => {
    const { child, url } = await serve(['--port', '0', '--quiet']);
    try {
      const call = sampleCall(paysafe, 'assignBulkCard');
      const inFlight = fetch(`${url}/paysafe${call.path}`, { method: call.method, headers: { ...call.headers, 'x-cardmock-delay': '800' }, body: call.body! });
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ cardId: expect.any(String) });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s during a 60 s delay: the delay is cut short, the request answered, the process exits 0', async (signal) => {
    const { child, url } = await serve(['--port', '0', '--quiet']);
    try {
      const call = sampleCall(paysafe, 'assignBulkCard');
      const inFlight = fetch(`${url}/paysafe${call.path}`, { method: call.method, headers: { ...call.headers, 'x-cardmock-delay': '60000' }, body: call.body! });
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      expect((await inFlight).status).toBe(200);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('server limits are flags: a connection over --max-connections is closed, others are served', async () => {
    const { child, url } = await serve(['--port', '0', '--quiet', '--max-connections', '1', '--headers-timeout', '2000', '--max-sessions', '5']);
    const { connect } = await import('node:net');
    const held = connect(Number(new URL(url).port), '127.0.0.1');
    try {
      await once(held, 'connect');
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(`${url}/__cardmock/sessions`)).rejects.toThrow();
      held.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const r = await fetch(`${url}/__cardmock/sessions`, { headers: { connection: 'close' } });
      expect(await r.json()).toMatchObject({ maxSessions: 5 });
    } finally {
      held.destroy();
      child.kill('SIGKILL');
    }
  });

  it('refuses a limit that is not a whole number', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--max-sessions', '1e3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--max-sessions must be a whole number/);
  });

  it('says clearly when the port is taken', async () => {
    const taken = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0 });
    try {
      const child = spawn(process.execPath, [cli, 'serve', '--port', String(taken.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c) => (stderr += c));
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`port ${taken.port} on 127.0.0.1 is already in use`));
    } finally {
      await taken.close();
    }
  });
});

describe('the request log line', () => {
  it('names the rule that produced a vendor answer', async () => {
    const lines: string[] = [];
    const server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0, log: (line) => lines.push(line) });
    try {
      const call = sampleCall(paysafe, 'assignBulkCard');
      for (let i = 0; i < 2; i++) await fetch(`${server.url}/paysafe${call.path}`, { method: call.method, headers: call.headers, body: call.body! });
      expect(lines).toEqual([
        expect.stringMatching(/^POST \/paysafe\/customers\/\S+ 200 [\d.]+ms paysafe\.assign\.assigns-card$/),
        expect.stringMatching(/^POST \/paysafe\/customers\/\S+ 400 [\d.]+ms paysafe\.assign\.not-reassigned$/),
      ]);
    } finally {
      await server.close();
    }
  });
});
