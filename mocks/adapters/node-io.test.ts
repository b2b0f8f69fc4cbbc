import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { presenceOf, write } from './node-io.ts';

/** A stand-in for a connection's socket: presenceOf reads `destroyed` and listens for 'close'. */
const fakeSocket = () => Object.assign(new EventEmitter(), { destroyed: false }) as unknown as net.Socket;

describe('presenceOf', () => {
  it('says the client went once its connection is destroyed, and tells the listeners still listening', () => {
    const socket = fakeSocket();
    const presence = presenceOf(socket);
    let told = 0;
    presence.onGone(() => told++);
    const stop = presence.onGone(() => told++);
    stop();
    expect(presence.gone).toBe(false);
    (socket as unknown as { destroyed: boolean }).destroyed = true;
    expect(presence.gone).toBe(true);
    socket.emit('close');
    expect(told).toBe(1);
  });

  it('listens to the connection only while asked: a kept-alive socket collects no listeners', () => {
    const socket = fakeSocket();
    for (let i = 0; i < 3; i++) presenceOf(socket);
    expect(socket.listenerCount('close')).toBe(0);
    const stop = presenceOf(socket).onGone(() => undefined);
    expect(socket.listenerCount('close')).toBe(1);
    stop();
    expect(socket.listenerCount('close')).toBe(0);
  });
});

describe('a streamed answer and a reader that does not read', () => {
  it('is cut once the reader has taken nothing for the stall time, and its stream is ended', async () => {
    let pieces = 0;
    let ended = false;
    async function* endless() {
      try {
        for (;;) {
          pieces++;
          yield 'x'.repeat(64 * 1024);
        }
      } finally {
        ended = true;
      }
    }
    let cut = false;
    const server = http.createServer((_req, res) => {
      res.on('close', () => (cut = !res.writableFinished));
      write(res, { status: 200, headers: { 'content-type': 'application/json' }, stream: endless }, 300);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('GET /state HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
      socket.pause();
      await expect.poll(() => cut, { timeout: 5_000 }).toBe(true);
      await expect.poll(() => ended).toBe(true);
      socket.destroy();
      // What was written before the cut: socket buffers, not the endless stream.
      expect(pieces).toBeLessThan(1_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
