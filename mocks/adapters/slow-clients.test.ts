/**
 * Slow and vanishing clients: header, body and keep-alive time-outs, the connection cap, and a
 * client that leaves during a delay. Sockets are raw so that the test controls every byte.
 */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import http from 'node:http';
import { createEngine, type Engine } from '../core/engine.ts';
import { sampleCall } from '../core/sample-call.ts';
import { allVendors } from '../vendors/index.ts';
import { startServer, type RunningServer, type ServerOptions } from './node-http.ts';

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
const assign = sampleCall(paysafe, 'assignBulkCard');
let server: RunningServer | undefined;
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await server?.close();
  server = undefined;
});

async function serve(options: Partial<ServerOptions> = {}, engine: Engine = createEngine({ vendors: allVendors })): Promise<RunningServer> {
  server = await startServer({ engine, port: 0, ...options });
  return server;
}

/** Open a raw connection, write `text`, and resolve with everything received once the server closes it. */
function raw(text: string): { closed: Promise<string>; socket: net.Socket } {
  const socket = net.connect(server!.port, '127.0.0.1');
  sockets.add(socket);
  let received = '';
  socket.on('data', (c) => (received += c));
  socket.on('error', () => {});
  socket.write(text);
  return { socket, closed: new Promise((resolve) => socket.on('close', () => resolve(received))) };
}

describe('server time-outs', () => {
  const fast = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 };

  it('headers that never finish: 408 and the connection is closed', async () => {
    await serve(fast);
    const answer = await raw('POST /paysafe/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ').closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toMatch(/REQUEST_TIMEOUT/);
  });

  it('a chunked body without its last chunk: 408 and closed', async () => {
    await serve(fast);
    const answer = await raw(`POST /paysafe${assign.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{"\r\n`).closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a body slower than the request time-out: 408 and closed', async () => {
    await serve(fast);
    const { socket, closed } = raw(`POST /paysafe${assign.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    const drip = setInterval(() => socket.writable && socket.write(' '), 100);
    try {
      expect(await closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  it('an idle keep-alive connection is closed', async () => {
    await serve(fast);
    const answer = await raw('GET /__cardmock/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n').closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it('connections beyond the cap are closed at once; the server keeps serving', async () => {
    await serve({ maxConnections: 2 });
    const held = [raw(''), raw('')];
    await new Promise((r) => setTimeout(r, 100));
    expect(await raw('GET /__cardmock/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n').closed).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${server!.url}/__cardmock/sessions`, { headers: { connection: 'close' } })).status).toBe(200);
  });
});

describe('a client that goes away during a delay', () => {
  it('changes nothing: the card is still assignable afterwards', async () => {
    await serve();
    // The default session keeps its request log though the request changed nothing.
    const session = 'default';
    await new Promise<void>((resolve) => {
      const req = http.request(`${server!.url}/paysafe${assign.path}`, { method: assign.method, headers: { ...assign.headers, 'x-cardmock-session': session, 'x-cardmock-delay': '400' } });
      req.on('error', () => resolve());
      req.end(assign.body);
      setTimeout(() => req.destroy(), 100);
    });
    await new Promise((r) => setTimeout(r, 600));
    const log = await (await fetch(`${server!.url}/__cardmock/requests`, { headers: { 'x-cardmock-session': session } })).json();
    expect(log.requests).toContainEqual(expect.objectContaining({ vendor: 'paysafe', rule: 'cardmock.client-gone' }));
    const again = await fetch(`${server!.url}/paysafe${assign.path}`, { method: assign.method, headers: { ...assign.headers, 'x-cardmock-session': session }, body: assign.body! });
    expect(again.status).toBe(200);
  });
});

describe('shutdown', () => {
  it('close() ends pending delays: a 60 s delay is answered at once and close resolves', async () => {
    await serve();
    const pending = fetch(`${server!.url}/paysafe${assign.path}`, { method: assign.method, headers: { ...assign.headers, 'x-cardmock-delay': '60000' }, body: assign.body! });
    await new Promise((r) => setTimeout(r, 100));
    const closing = server!.close();
    expect((await pending).status).toBe(200);
    await closing;
    server = undefined;
  });
});
