/** Probing an unknown server for cardmock's control API reads a bounded answer, whatever it sends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { speaksControlApi } from './url-target.ts';
import { writeEndlessly } from './endless-answer.test-helper.ts';

describe('speaksControlApi', () => {
  let server: http.Server;
  let origin: string;
  let written = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/__cardmock/sessions') return res.writeHead(404).end();
      // An endless 200: the probe must hang up rather than buffer it.
      res.writeHead(200, { 'content-type': 'application/json' });
      writeEndlessly(res, ' ', (bytes) => (written += bytes));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('says no to an endless answer after reading at most its cap', async () => {
    expect(await speaksControlApi(origin, 10_000)).toBe(false);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });
});
