/**
 * cardmock over HTTP for one `describe` block: every vendor on a fresh engine, on a free loopback
 * port, started before its tests and closed after them, even when they fail.
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../adapters/node-http.ts';
import { createEngine } from '../core/engine.ts';
import { allVendors } from '../vendors/index.ts';

/** Call inside `describe`; the returned function gives the running server inside its tests. */
export function serveDuringSuite(): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ engine: createEngine({ vendors: allVendors }), port: 0 });
  });
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error('serveDuringSuite: the server is not running (call it inside describe)');
    return server;
  };
}

/** A temporary folder for one `describe` block, removed after its tests; the function gives its path. */
export function tempDirDuringSuite(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  return () => {
    if (!dir) throw new Error('tempDirDuringSuite: the folder does not exist (call it inside describe)');
    return dir;
  };
}
