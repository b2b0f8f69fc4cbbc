/**
 * `cardmock proxy` and `cardmock serve --replay` as processes: a secret in Authorization and in a
 * body field named like a credential never reaches the terminal, the recording or the report, and
 * the report is written on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEngine } from '../../conformance/targets/mock-targets.ts';
import { startServer, type RunningServer } from '../../mocks/adapters/node-http.ts';
import { CLI as cli } from '../../mocks/testing/cli-server.ts';

const TOKEN = 'proxy-test-secret-token-7Qx9';
const BODY_SECRET = 'body-secret-value-4kP2';
const ASSIGN = '/customers/1231122232/prepaid/cards/f16ba382-eb42-481a-b08f-c57bdc9aae24/assignments';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Start the CLI and wait for the line that gives its URL. */
function start(args: string[], ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${ready}" in: ${text}`)), 20_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = ready.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => text, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`exited early: ${text}`)));
  });
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('cardmock proxy (CLI)', () => {
  let upstream: RunningServer;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    upstream = await startServer({ engine: newEngine(), port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'cardmock-proxy-cli-'));
    // The mock accepts the secret token, so the session is a real one.
    const added = await post(`${upstream.url}/__cardmock/paysafe/fixtures`, JSON.stringify({ tokens: [TOKEN] }));
    expect(added.status).toBe(200);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('judges, records and reports, and no secret leaves it', async () => {
    const record = path.join(dir, 'recording');
    const report = path.join(dir, 'report.json');
    const proxy = await start(['proxy', '--vendor', 'paysafe', '--upstream', `${upstream.url}/paysafe`, '--port', '0', '--auth-from-client', '--record', record, '--report', report, '--reporter', 'json'], /listening on (http:\S+)/);
    children.push(proxy.child);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ok = await post(`${proxy.url}${ASSIGN}`, JSON.stringify({ targetCustomerId: '1233333323' }), auth);
    expect(ok.status).toBe(200);
    // A body without targetCustomerId breaks the spec (the page: it "needs to be provided"), so the
    // request check prints a curl line with the body, which carries a field named like a credential.
    const bad = await post(`${proxy.url}${ASSIGN}`, JSON.stringify({ clientSecret: BODY_SECRET }), auth);
    expect(bad.status).toBe(400);
    const listed = await (await fetch(`${proxy.url}/__cardmock/exchanges`)).text();
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(1);

    const terminal = proxy.output();
    expect(terminal).toMatch(/#1 paysafe POST \/customers\/\S+ 200 \d+ms ok/);
    expect(terminal).toMatch(/#2 paysafe POST \/customers\/\S+ 400 \d+ms invalid-request/);
    expect(terminal).toMatch(/\[requestMatchesSpec\].*\n\s+reproduce: curl -X POST .*authorization: \[REDACTED\].*clientSecret/);
    expect(terminal).toMatch(/Coverage matrix/);
    expect(terminal).toMatch(/paysafe\s+assignBulkCard\s+503\s+- skipped\s+not seen in the traffic/);
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written.results).toHaveLength(2);
    expect(written.matrix.rows.find((r: { status: number }) => r.status === 200).outcome).toBe('passed');
    const files = await readdir(record);
    expect(files).toEqual(expect.arrayContaining(['00001-paysafe-assignBulkCard-200.json', '00002-paysafe-assignBulkCard-400.json', 'fixtures.json']));
    const recorded = await Promise.all(files.map((f) => readFile(path.join(record, f), 'utf8')));
    const everything = [terminal, listed, await readFile(report, 'utf8'), ...recorded].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(BODY_SECRET);
    expect(everything).toContain('[REDACTED]');

    // serve --replay answers the recorded request with the recorded body, byte for byte.
    const serve = await start(['serve', '--port', '0', '--quiet', '--replay', record], /cardmock listening on (http:\S+)/);
    children.push(serve.child);
    const replayed = await post(`${serve.url}/paysafe${ASSIGN}`, JSON.stringify({ targetCustomerId: '1233333323' }), auth);
    expect(replayed).toEqual(ok);
    const secondRecorded = JSON.parse(recorded[files.indexOf('00002-paysafe-assignBulkCard-400.json')]!);
    const replayedBad = await post(`${serve.url}/paysafe${ASSIGN}`, JSON.stringify({ clientSecret: 'another value' }), auth);
    expect(replayedBad.text).toBe(secondRecorded.response.body);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it('serves several vendors under their prefixes with --vendor all --upstream-map', async () => {
    const map = path.join(dir, 'upstreams.json');
    await writeFile(map, JSON.stringify({ paysafe: `${upstream.url}/paysafe`, enfuce: `${upstream.url}/enfuce` }));
    const proxy = await start(['proxy', '--vendor', 'all', '--upstream-map', map, '--port', '0', '--auth-from-client'], /listening on (http:\S+)/);
    children.push(proxy.child);
    const enfuce = await post(`${proxy.url}/enfuce/v1/MULTI_APPLICATION_CARD/customer/100001?auditUser=cardmock-demo`, JSON.stringify({ mainApplication: { applicationName: 'DEBIT', accountId: '200001' }, applications: [] }), { authorization: 'Bearer enfuce-sandbox-token' });
    expect(enfuce.status).toBe(201);
    const unknown = await post(`${proxy.url}/pismo/wallet/v2/cards/7001/noname/bind`, '{}');
    expect(unknown.status).toBe(404);
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
    expect(proxy.output()).toMatch(/#1 enfuce POST \/v1\/MULTI_APPLICATION_CARD\/customer\/100001\?auditUser=cardmock-demo 201 \d+ms ok/);
    expect(proxy.output()).toMatch(/enfuce\s+createMultiApplicationCard\s+201\s+✓ passed/);
  });

  it('SIGTERM with an exchange in flight: the exchange is cut, the report written, the process gone within seconds', async () => {
    const silent = http.createServer(() => undefined); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const report = path.join(dir, 'in-flight.json');
      const proxy = await start(['proxy', '--vendor', 'paysafe', '--upstream', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, '--port', '0', '--auth-from-client', '--timeout', '600000', '--report', report, '--reporter', 'json'], /listening on (http:\S+)/);
      children.push(proxy.child);
      const pending = post(`${proxy.url}${ASSIGN}`, '{}').catch(() => 'cut');
      await new Promise<void>((resolve) => silent.once('request', () => resolve()));
      const started = performance.now();
      proxy.child.kill('SIGTERM');
      await proxy.exited;
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await pending).toMatchObject({ status: 503 });
      const written = JSON.parse(await readFile(report, 'utf8')) as { results: { outcome: string; reason?: string }[] };
      expect(written.results).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'cut at shutdown' })]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses --allow-origin values that are not origins', async () => {
    for (const origin of ['localhost:5173', 'http://localhost:5173/app', 'file:///x', '*']) {
      const child = spawn(process.execPath, [cli, 'proxy', '--vendor', 'paysafe', '--upstream', 'http://127.0.0.1:1', '--auth-from-client', '--allow-origin', origin], { stdio: 'ignore' });
      children.push(child);
      expect(await new Promise((resolve) => child.on('exit', resolve)), origin).toBe(2);
    }
  });

  it('serve --replay refuses a folder with a bad recording or a link, naming them, never quoting what they hold', async () => {
    const folder = path.join(dir, 'bad-recordings');
    await mkdir(folder);
    const secret = path.join(dir, 'secret.txt');
    await writeFile(secret, '{"n":1,"vendor":"paysafe","TOP-SECRET":true}');
    await symlink(secret, path.join(folder, '00001-paysafe-x-200.json'));
    await writeFile(path.join(folder, '00002-paysafe-x-200.json'), JSON.stringify({ n: 2, vendor: 'paysafe', request: { method: 'GET', url: '/x', headers: {} }, response: { status: 0, headers: { a: 'b\r\nc' }, body: 'TOP-SECRET' } }));
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--replay', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(output).toMatch(/00001-paysafe-x-200\.json: is a symbolic link/);
    expect(output).toMatch(/00002-paysafe-x-200\.json: \/response\/status must be >= 200/);
    expect(output).toMatch(/00002-paysafe-x-200\.json: \/response\/headers\/a must match pattern/);
    expect(output).not.toContain('TOP-SECRET');
  });

  it('rejects bad usage with exit 2', async () => {
    const file = path.join(dir, 'map.json');
    await writeFile(file, JSON.stringify({ nope: 'http://127.0.0.1:1' }));
    for (const args of [['--vendor', 'paysafe'], ['--vendor', 'paysafe', '--upstream', 'http://127.0.0.1:1'], ['--vendor', 'all', '--upstream-map', file, '--auth-from-client'], ['--vendor', 'paysafe', '--upstream', 'http://127.0.0.1:1', '--auth', 'Bearer a\r\nx-injected: 1']]) {
      const child = spawn(process.execPath, [cli, 'proxy', ...args], { stdio: 'ignore' });
      children.push(child);
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    }
  });
});
