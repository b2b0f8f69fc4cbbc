/** Test support (not part of the library): a loopback server for a suite, and an answer that never ends. */
import { afterAll, beforeAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Writes to `res` until the client hangs up; `onChunk` counts the bytes each chunk adds. */
export function writeEndlessly(res: http.ServerResponse, fill: string, onChunk: (bytes: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  const pump = () => {
    while (!res.destroyed) {
      onChunk(chunk.length);
      if (!res.write(chunk)) break;
    }
  };
  res.on('drain', pump);
  pump();
}

/**
 * A plain HTTP server with `listener` on a free loopback port for one `describe` block, closed
 * (open connections cut) after its tests; the returned function gives its origin.
 */
export function listenDuringSuite(listener: http.RequestListener): () => string {
  const server = http.createServer(listener);
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return () => origin;
}
