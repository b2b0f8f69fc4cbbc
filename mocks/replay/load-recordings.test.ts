/**
 * Replay trusts nothing it reads: every hand-made recording that crashed the server (or hung its
 * start, or read outside its folder) is refused at start, naming the file and the rule, never
 * quoting the content.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirDuringSuite } from '../testing/suite-server.ts';
import { loadRecordings, MAX_RECORDING_FILE_BYTES } from './load-recordings.ts';
import { RECORDING_LIMITS, type RecordedExchange } from './recording.ts';

const VENDORS = ['paysafe', 'enfuce'];
const good: RecordedExchange = {
  n: 1,
  vendor: 'paysafe',
  operationId: 'assignBulkCard',
  request: { method: 'POST', url: '/customers/1/prepaid/cards/2/assignments', headers: { 'content-type': 'application/json' }, body: '{"targetCustomerId":"3"}' },
  response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"cardId":"2"}' },
};
const withResponse = (response: Record<string, unknown>) => ({ ...good, response: { ...good.response, ...response } });
const withRequest = (request: Record<string, unknown>) => ({ ...good, request: { ...good.request, ...request } });

describe('loadRecordings', () => {
  const root = tempDirDuringSuite('cardmock-recordings-');
  let folders = 0;
  /** A folder holding `files` (name → JSON value, or raw text). */
  async function folder(files: Record<string, unknown>): Promise<string> {
    const dir = path.join(root(), `f${++folders}`);
    await mkdir(dir);
    for (const [name, value] of Object.entries(files)) await writeFile(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
    return dir;
  }

  it('reads good recordings, in order, and leaves fixtures.json alone', async () => {
    const dir = await folder({ '00002-b.json': { ...good, n: 2 }, '00001-a.json': good, 'fixtures.json': { paysafe: {} }, 'notes.txt': 'x' });
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded.ok && loaded.recordings.map((r) => r.n)).toEqual([1, 2]);
  });

  it.each([
    ['status 0', withResponse({ status: 0 }), /\/response\/status must be >= 200/],
    ['status 1000', withResponse({ status: 1000 }), /\/response\/status must be <= 599/],
    ['status "abc"', withResponse({ status: 'abc' }), /\/response\/status must be integer/],
    ['an informational status (a final answer is needed)', withResponse({ status: 101 }), /\/response\/status must be >= 200/],
    ['CR/LF in a header value', withResponse({ headers: { 'x-evil': 'a\r\nset-cookie: b' } }), /\/response\/headers\/x-evil must match pattern/],
    ['a header name that is no token', withResponse({ headers: { 'bad name': 'x' } }), /\/response\/headers property name must be valid/],
    ['a body that is not a string', withResponse({ body: { not: 'text' } }), /\/response\/body must be string/],
    ['both a text and a base64 body', withResponse({ bodyBase64: 'eA==' }), /\/response must NOT be valid/],
    ['no response body at all', { ...good, response: { status: 200, headers: {} } }, /\/response must have required property 'body'/],
    ['a base64 body that is not base64', withResponse({ body: undefined, bodyBase64: '**' }), /\/response\/bodyBase64 must match pattern/],
    ['a request body over the body cap of serve', withRequest({ body: 'x'.repeat(RECORDING_LIMITS.requestBodyBytes + 1) }), /request body is larger than 1048576 bytes/],
    ['a request URL outside the vendor', withRequest({ url: 'http://evil.example/x' }), /\/request\/url must match pattern/],
    ['a method that is no HTTP method', withRequest({ method: 'GET /x HTTP/1.1' }), /\/request\/method must match pattern/],
    ['the vendor name __cardmock', { ...good, vendor: '__cardmock' }, /\/vendor must match pattern/],
    ['a vendor name with a path in it', { ...good, vendor: '../paysafe' }, /\/vendor must match pattern/],
    ['a vendor this server does not serve', { ...good, vendor: 'pismo' }, /names vendor pismo, which this server does not serve/],
  ])('refuses %s, naming the file and the rule', async (_name, recording, problem) => {
    const dir = await folder({ '00001-x.json': recording });
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.problems.join('\n')).toMatch(/^00001-x\.json: /);
    expect(!loaded.ok && loaded.problems.join('\n')).toMatch(problem);
  });

  it('refuses a file that is not JSON without quoting it', async () => {
    const dir = await folder({ '00001-x.json': 'root:x:0:0:root:/root:/bin/bash' });
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded).toEqual({ ok: false, problems: ['00001-x.json: is not valid JSON'] });
  });

  it('refuses a link out of the folder without reading or quoting its target', async () => {
    const outside = path.join(root(), 'secret.txt');
    await writeFile(outside, 'TOP-SECRET-CONTENT');
    const dir = await folder({});
    await symlink(outside, path.join(dir, '00001-x.json'));
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded).toEqual({ ok: false, problems: ['00001-x.json: is a symbolic link: refused (recordings are regular files inside the folder)'] });
  });

  it('refuses a FIFO at once, without waiting for a writer', async () => {
    const dir = await folder({});
    execFileSync('mkfifo', [path.join(dir, '00001-x.json')]);
    const started = performance.now();
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded).toEqual({ ok: false, problems: ['00001-x.json: is not a regular file: refused'] });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a file larger than a recording can be, without reading it', async () => {
    const dir = await folder({ '00001-x.json': 'x' });
    execFileSync('truncate', ['-s', String(MAX_RECORDING_FILE_BYTES + 1), path.join(dir, '00001-x.json')]);
    const loaded = await loadRecordings(dir, VENDORS);
    expect(loaded).toEqual({ ok: false, problems: [`00001-x.json: is larger than ${MAX_RECORDING_FILE_BYTES} bytes`] });
  });

  it('a folder that cannot be listed is one clear problem', async () => {
    expect(await loadRecordings(path.join(root(), 'missing'), VENDORS)).toEqual({ ok: false, problems: [`cannot list ${path.join(root(), 'missing')} (ENOENT)`] });
  });
});
