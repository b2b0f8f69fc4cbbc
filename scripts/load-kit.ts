/**
 * Shared by `npm run bench`, `npm run soak` and sessions-rss.ts: server processes on loopback,
 * seeding through the control API, the request mix, memory and CPU readings and status counts.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
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
  /** User + system CPU time of the server's processes over the load run ÷ requests, in µs. */
  cpuUsPerRequest: number;
}

/** Spawn a server process and resolve with its URL once it prints it. */
export function spawnServer(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
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
  }).then((started) => {
    // Once started, what the server prints (a log line per request, for some) is read and dropped:
    // kept, it would grow without end and cost the load generator a pattern match per chunk.
    for (const stream of [child.stdout!, child.stderr!]) stream.removeAllListeners('data').resume();
    return started;
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

const prismCli = fileURLToPath(new URL('../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const specOf = (vendor: string) => fileURLToPath(new URL(`../specs/${vendor}.openapi.yaml`, import.meta.url));

/** `prism mock specs/<vendor>.openapi.yaml`, as a user runs it (its defaults, its request log on stdout), on a free loopback port. */
export const startPrismMockCli = (vendor: string) =>
  spawnServer([prismCli, 'mock', specOf(vendor), '-h', '127.0.0.1', '-p', '0'], /Prism is listening on (http:\/\/\S+)/);

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

/** A process and all its descendants, as they are now. */
export async function processTree(pid: number): Promise<number[]> {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of await readdir(`/proc/${pids[i]}/task`).catch(() => [] as string[])) {
      const children = await readFile(`/proc/${pids[i]}/task/${task}/children`, 'utf8').catch(() => '');
      pids.push(...children.split(' ').filter(Boolean).map(Number));
    }
  }
  return pids;
}

/**
 * The CPU time in a `/proc/<pid>/stat` line, in clock ticks: user and system time of the process
 * (fields 14 and 15) and of its children it has waited for (16 and 17), so a child that exits
 * during a measurement still counts. Field 2, the command name, is in parentheses and may itself
 * hold spaces and parentheses: fields are counted from its last `)`.
 */
export function cpuTicksOfStat(stat: string): number {
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3
  const ticks = [14, 15, 16, 17].map((field) => Number(fields[field - 3]));
  if (close < 0 || ticks.some((t) => !Number.isInteger(t) || t < 0)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return ticks.reduce((a, b) => a + b, 0);
}

/** USER_HZ, the unit of /proc/<pid>/stat's times (100 on Linux, whatever the kernel's tick); read once, when first needed. */
let ticksPerSecond: number | undefined;
function userHz(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** CPU seconds the processes have used so far (a process gone since counts 0; its time is in its parent's). */
export async function cpuSeconds(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat !== undefined) ticks += cpuTicksOfStat(stat);
  }
  return ticks / (ticksPerSecond ??= userHz());
}

/** µs of CPU per request, to 0.1 µs. */
export const cpuUsPerRequest = (seconds: number, requests: number) => Math.round((seconds * 1e6 * 10) / Math.max(requests, 1)) / 10;

/** Where the mix goes: each vendor's base URL and the path prefix in front of its operations. */
export type BaseOf = (vendor: string) => { url: string; prefix: string };

/**
 * The mix under load: one autocannon per vendor, in parallel, `connections` split between them;
 * results combined, with the CPU the server's processes (`pids` and their descendants) used meanwhile.
 */
export async function loadMix(target: string, pids: number[], baseOf: BaseOf, options: { duration: number; connections: number; limit: number }): Promise<Measured> {
  const connections = Math.max(1, Math.round(options.connections / allVendors.length));
  const servers = (await Promise.all(pids.map(processTree))).flat();
  const cpuBefore = await cpuSeconds(servers);
  const results = await Promise.all(
    allVendors.map((vendor) => {
      const { url, prefix } = baseOf(vendor.name);
      return autocannon({ url, connections, duration: options.duration, requests: mix(vendor, prefix, { next: 0, limit: options.limit }) });
    }),
  );
  const cpu = (await cpuSeconds(servers)) - cpuBefore;
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const serverErrors = Object.entries(statusCounts(results)).filter(([code]) => code.startsWith('5')).reduce((n, [, count]) => n + count, 0);
  return {
    target,
    requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    p50: round(results.reduce((n, r) => n + r.latency.p50 * r.requests.total, 0) / Math.max(requests, 1)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    max: Math.max(...results.map((r) => r.latency.max)),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    serverErrors,
    requests,
    cpuUsPerRequest: cpuUsPerRequest(cpu, requests),
  };
}

export const round = (n: number) => Math.round(n * 100) / 100;

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

