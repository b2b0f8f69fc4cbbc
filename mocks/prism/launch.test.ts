import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { documents } from '../../generated/documents.ts';
import { operationsOf } from '../../specs/lib/operations.ts';
import { sampleRequest } from '../../specs/lib/sample-request.ts';
import { startPrism, type LoggedViolation, type RunningPrism } from './launch.ts';
import { specPath } from './per-vendor.ts';
import { runningPrisms } from './running.ts';

const bind = operationsOf(documents.pismo, 'pismo')[0]!;
const request = sampleRequest(documents.pismo, bind);
const send = (base: string) =>
  fetch(`${base}${request.path}`, { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) });

/** An upstream that answers a status Pismo's bind does not document. */
async function teapot(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(418, { 'content-type': 'application/json' }).end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("Prism's server in this process", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((stop) => stop()));
  });

  it('proxy: hands each violation to onViolation and sets sl-violations', async () => {
    const upstream = await teapot();
    cleanup.push(upstream.close);
    const violations: LoggedViolation[] = [];
    const prism = await startPrism({ mode: 'proxy', spec: specPath('pismo'), upstream: upstream.url, errors: true, onViolation: (v) => violations.push(v) });
    cleanup.push(prism.stop);
    const response = await send(prism.url);
    expect(response.headers.get('sl-violations')).toMatch(/response/);
    expect(violations).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^Violation: response .*status code/) })]);
  });

  it('stop closes the port and forgets the server; a taken port is an error naming the spec', async () => {
    const prism: RunningPrism = await startPrism({ mode: 'mock', spec: specPath('pismo') });
    expect(runningPrisms().map((p) => p.url)).toContain(prism.url);
    const taken = await startPrism({ mode: 'mock', spec: specPath('pismo'), port: prism.port }).catch((error: Error) => error);
    expect((taken as Error).message).toMatch(/pismo\.openapi\.yaml: .*EADDRINUSE/);
    await prism.stop();
    expect(runningPrisms()).toEqual([]);
    await expect(send(prism.url)).rejects.toThrow();
  });
});
