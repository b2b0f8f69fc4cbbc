/**
 * Shared by `npm run bench`, `npm run soak` and sessions-rss.ts: server processes on loopback,
 * seeding through the control API, the request mix, memory readings and status counts.
 */
import type autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { concreteCall, sampleCall, type ConcreteCall } from '../mocks/core/sample-call.ts';
import type { VendorModule } from '../mocks/core/vendor.ts';
import { allVendors } from '../mocks/vendors/index.ts';

const cli = fileURLToPath(new URL('../bin/cardmock.js', import.meta.url));
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export interface Measured {
  target: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  serverErrors: number;
  requests: number;
}

/** Spawn a server process and resolve with its URL once it prints it. */
export function spawnServer(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no start within 30 s: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`exited before listening: ${output}`)));
  });
}

/** `cardmock serve` on a free loopback port; `entry` may be another checkout's bin/cardmock.js. */
export const startCardmock = (entry = cli) => spawnServer([entry, 'serve', '--port', '0', '--quiet'], /listening on (http:\/\/\S+)/);

/** What an installed package runs: the compiled CLI in dist/ (build it first: `npm run build`). */
const compiledCli = fileURLToPath(new URL('../dist/scripts/cli/cli.js', import.meta.url));
export const startCompiledCardmock = () => startCardmock(compiledCli);

/** The bare ceiling: a Node http server answering a fixed 200. */
export const startCeiling = () =>
  spawnServer(
    ['-e', "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':2});s.end('{}')})}).listen(0,'127.0.0.1',function(){console.log('listening on http://127.0.0.1:'+this.address().port)})"],
    /listening on (http:\/\/\S+)/,
  );

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  children.delete(child);
}

/**
 * SIGTERM, then SIGKILL after `ms`: whether the process exited by itself in time, and a line
 * saying how (a process that had already exited did not stop in time).
 */
export async function stopWithin(child: ChildProcess, ms: number): Promise<{ text: string; inTime: boolean }> {
  if (child.exitCode !== null || child.signalCode !== null) return { text: `had exited (${child.exitCode ?? child.signalCode})`, inTime: false };
  const started = Date.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(killer);
  children.delete(child);
  const inTime = child.signalCode !== 'SIGKILL';
  return { text: inTime ? `exit ${child.exitCode} ${Date.now() - started} ms after SIGTERM` : `no exit within ${ms} ms of SIGTERM (killed)`, inTime };
}

export async function rssMb(pids: number[]): Promise<number> {
  let kb = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kb / 1024);
}

export interface RssSample {
  /** Seconds since sampling started. */
  s: number;
  rss: number;
}

/** RSS of a process every 5 s, printed as it comes; `stop` ends the sampling and returns the samples. */
export function sampleRss(pid: number, everyMs = 5_000, printEvery = 1): { stop(): RssSample[] } {
  const samples: RssSample[] = [];
  const started = Date.now();
  const timer = setInterval(async () => {
    const s = Math.round((Date.now() - started) / 1000);
    samples.push({ s, rss: await rssMb([pid]) });
    if (samples.length % printEvery === 0) process.stdout.write(`  t=${s}s rss=${samples.at(-1)!.rss} MB\n`);
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

/** Responses per status code over autocannon runs (its typings omit statusCodeStats). */
export function statusCounts(results: autocannon.Result[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const r of results) {
    for (const [code, stat] of Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})) codes[code] = (codes[code] ?? 0) + stat.count;
  }
  return codes;
}

/** Runs a load script's main and exits with its code (1 on a throw): the spawned servers die with it. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Seed `count` fresh entities per vendor through the control API, in chunks under the body limit. */
export async function seed(url: string, count: number, chunk = 10_000): Promise<void> {
  for (const vendor of allVendors) {
    for (let offset = 0; offset < count; offset += chunk) {
      const body = JSON.stringify(vendor.samples.scale.fixtures(Math.min(chunk, count - offset), offset));
      const r = await fetch(`${url}/__cardmock/${vendor.name}/fixtures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (r.status !== 200) throw new Error(`seeding ${vendor.name} failed: ${r.status} ${await r.text()}`);
    }
  }
}

/**
 * The mix for one vendor: per operation, a fresh state-changing call (entity i, counting up) and
 * the sample call repeated (after its first success, the documented stateful rejection).
 */
export function mix(vendor: VendorModule, prefix: string, counter: { next: number; limit: number }): autocannon.Request[] {
  const toRequest = (call: ConcreteCall) => ({ method: call.method as autocannon.Request['method'], path: `${prefix}${call.path}`, headers: call.headers, ...(call.body ? { body: call.body } : {}) });
  return vendor.responses.operations.flatMap((op) => [
    {
      ...toRequest(sampleCall(vendor, op.operationId)),
      setupRequest: (request: autocannon.Request) => {
        const index = counter.next++ % counter.limit;
        return { ...request, ...toRequest(concreteCall(vendor, op.operationId, vendor.samples.scale.call(op.operationId, index))) };
      },
    },
    toRequest(sampleCall(vendor, op.operationId)),
  ]);
}

