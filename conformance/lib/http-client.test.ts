/**
 * The conformance client against misbehaving servers: huge answers, oversized headers, redirects,
 * rate limits longer than the time budget, and in-process listeners.
 */
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, RequestFailed } from './http-client.ts';
import type { Target } from './target.ts';
import { listenDuringSuite, writeEndlessly } from './endless-answer.test-helper.ts';

const target = (base: Target['base'], overrides: Partial<Target> = {}): Target => ({
  name: 'test',
  ownMock: false,
  capabilities: { control: false, mutations: false },
  base,
  authorization: () => undefined,
  fixtures: () => ({}),
  ...overrides,
});
const get = (url: string) => ({ method: 'GET', url, headers: {} });

describe('conformance http client', () => {
  /** Bytes the endless route managed to write before the client hung up. */
  let endlessWritten = 0;
  let closed!: () => void;
  const endlessClosed = new Promise<void>((resolve) => (closed = resolve));
  const origin = listenDuringSuite((req, res) => {
    if (req.url === '/endless') {
      // An answer with no end, written as fast as the client reads: only the cap stops it.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', closed);
      writeEndlessly(res, 'a', (bytes) => (endlessWritten += bytes));
    } else if (req.url === '/declared') res.writeHead(200, { 'content-length': String(1e9) }).write('{');
    else if (req.url === '/huge-header') res.writeHead(200, { 'x-padding': 'a'.repeat(200_000) }).end('{}');
    else if (req.url === '/redirect') res.writeHead(302, { location: 'http://203.0.113.1/elsewhere' }).end();
    else if (req.url === '/limited') res.writeHead(429, { 'retry-after': '5' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });

  it('stops reading an answer beyond the size cap and hangs up', async () => {
    const t = target(origin, { maxResponseBytes: 1024 * 1024 });
    await expect(send(t, 'v', get('/endless'))).rejects.toThrow(/larger than 1048576 bytes/);
    await endlessClosed;
    // The server could only queue socket buffers beyond the cap, not gigabytes.
    expect(endlessWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length above the cap without reading it', async () => {
    await expect(send(target(origin, { maxResponseBytes: 1000 }), 'v', get('/declared'))).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('names oversized headers as such, not as a refused connection', async () => {
    const failure = await send(target(origin), 'v', get('/huge-header')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RequestFailed);
    expect((failure as RequestFailed).message).toMatch(/response headers larger than/);
    expect((failure as RequestFailed).hint).toMatch(/oversized headers/);
    expect((failure as RequestFailed).hint).not.toMatch(/refused/);
  });

  it('says "connection refused" only when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = (await send(target(() => `http://127.0.0.1:${port}`), 'v', get('/')).catch((e: unknown) => e)) as RequestFailed;
    expect(failure.message).toMatch(/connection refused/);
    expect(failure.hint).toMatch(/Nothing listens/);
  });

  it('does not follow redirects: the 3xx is what the target answered', async () => {
    const response = await send(target(origin), 'v', get('/redirect'));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://203.0.113.1/elsewhere');
  });

  it('keeps Retry-After waits inside the time budget', async () => {
    const sleeps: number[] = [];
    const started = performance.now();
    const failure = (await send(target(origin, { timeoutMs: 2_000 }), 'v', get('/limited'), async (ms) => {
      sleeps.push(ms);
    }).catch((e: unknown) => e)) as RequestFailed;
    expect(sleeps).toEqual([]);
    expect(failure.message).toMatch(/Retry-After 5.*outlast the 2000 ms time budget/);
    expect(failure.hint).toMatch(/--concurrency|--timeout/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('calls an in-process listener over a short-lived loopback server', async () => {
    const listener: http.RequestListener = (req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }));
    const response = await send(target(() => ({ listener, prefix: '/pismo' })), 'pismo', get('/v2/card?x=1'));
    expect(response.status).toBe(201);
    expect(response.json).toEqual({ path: '/pismo/v2/card?x=1' });
  });
});
