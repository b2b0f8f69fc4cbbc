import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { presenceOf, write } from './node-io.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A stand-in for a ServerResponse: presenceOf only listens for 'close' and reads writableFinished. */
const fakeResponse = () => Object.assign(new EventEmitter(), { writableFinished: false }) as unknown as http.ServerResponse;

describe('presenceOf', () => {
  it('says the client went when the response closes unfinished, and tells the listeners', () => {
    const res = fakeResponse();
    const presence = presenceOf(res);
    let told = 0;
    presence.onGone(() => told++);
    const stop = presence.onGone(() => told++);
    stop();
    expect(presence.gone).toBe(false);
    res.emit('close');
    expect(presence.gone).toBe(true);
    expect(told).toBe(1);
  });

  it('does not call a finished response gone', () => {
    const res = fakeResponse();
    const presence = presenceOf(res);
    (res as unknown as { writableFinished: boolean }).writableFinished = true;
    res.emit('close');
    expect(presence.gone).toBe(false);
  });

  it('holds no reference to the response: a request kept longer does not keep its response alive', async () => {
    let res: http.ServerResponse | undefined = fakeResponse();
    const response = new WeakRef(res);
    const presence = presenceOf(res);
    res = undefined;
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(presence.gone).toBe(false);
    expect(response.deref()).toBeUndefined();
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
