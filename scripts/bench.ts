/**
 * `npm run bench`: throughput and latency of cardmock against Prism in one run, on the same request
 * mix over every vendor; start-up time; memory and latency at 1 k and 100 k entities per vendor.
 * Loopback only, bounded in time. Prints a table and writes reports/bench.json.
 *
 * Env: BENCH_DURATION (s per target, default 10), BENCH_CONNECTIONS (default 50),
 *      BENCH_SCALE (entities per vendor for the scaling run, default 100000),
 *      BENCH_STARTUP_RUNS (start-ups per mode, the median is reported; default 3).
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { concreteCall, sampleCall } from '../mocks/core/sample-call.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import { execFileSync } from 'node:child_process';
import { loadMix, processTree, rssMb, seed, spawnServer, startCardmock, startCeiling, startCompiledCardmock, startPrismMockCli, stop, type BaseOf, type Measured } from './load-kit.ts';
import { ratiosOf, reportText, TARGETS, writeBenchJson, type BenchResults, type Scaling, type Startup } from './bench-report.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const compiledCli = fileURLToPath(new URL('../dist/scripts/cli/cli.js', import.meta.url));

interface Started {
  child: ChildProcess;
  /** Base URL of each vendor (prefix included). */
  baseOf: (vendor: string) => string;
  /** The stateful server's root, when there is one. */
  root?: string;
}

/**
 * The compiled `cardmock serve`, as installed: stateful, `--stateless` or `--validate`. The Prism
 * modes are known started once their banner listed every vendor's URL.
 */
async function startServe(mode: 'stateful' | 'stateless' | 'validate'): Promise<Started> {
  if (mode === 'stateful') {
    const { child, url } = await startCompiledCardmock();
    return { child, baseOf: (vendor) => `${url}/${vendor}`, root: url };
  }
  const banner = mode === 'stateless' ? 'cardmock --stateless:' : 'cardmock listening on[\\s\\S]*validated through prism proxy';
  const pattern = new RegExp(`(${banner}[^\\n]*\\n(?:  \\S+\\s+http://\\S+\\n){${allVendors.length}})`);
  const { child, url: output } = await spawnServer([compiledCli, 'serve', `--${mode}`, '--port', '0', '--quiet'], pattern);
  const urls = new Map(output.trim().split('\n').slice(-allVendors.length).map((line) => line.trim().split(/\s+/) as [string, string]));
  const root = /cardmock listening on (http:\/\/\S+)/.exec(output)?.[1];
  return { child, baseOf: (vendor) => urls.get(vendor)!, ...(root ? { root } : {}) };
}

/** RSS of processes and all their descendants (before Prism ran in process, it ran as children). */
const treeRssMb = async (...pids: number[]) => rssMb((await Promise.all(pids.map(processTree))).flat());

/** Process start to first successful answer of every vendor's sample call, then the idle RSS one second later. */
async function startupOnce(mode: 'stateful' | 'stateless' | 'validate'): Promise<{ ms: number; idleRssMb: number }> {
  const started = performance.now();
  const { child, baseOf } = await startServe(mode);
  await Promise.all(
    allVendors.map(async (vendor) => {
      const call = sampleCall(vendor, vendor.responses.operations[0]!.operationId);
      for (;;) {
        const r = await fetch(`${baseOf(vendor.name)}${call.path}`, { method: call.method, headers: call.headers, ...(call.body ? { body: call.body } : {}) }).catch(() => undefined);
        if (r && r.status < 300) return;
        await new Promise((res) => setTimeout(res, 5));
      }
    }),
  );
  const ms = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const idleRssMb = await treeRssMb(child.pid!);
  await stop(child);
  return { ms, idleRssMb };
}

/** The median of BENCH_STARTUP_RUNS start-ups (one start-up swings by seconds on a busy machine), and their range. */
async function startup(mode: 'stateful' | 'stateless' | 'validate'): Promise<Startup> {
  const runs: { ms: number; idleRssMb: number }[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) runs.push(await startupOnce(mode));
  runs.sort((x, y) => x.ms - y.ms);
  return { ...runs[Math.floor(runs.length / 2)]!, rangeMs: [runs[0]!.ms, runs.at(-1)!.ms] };
}

/**
 * Latency per request, sequentially on one keep-alive connection, timed in microseconds: the cost of
 * a request, free of queueing. Alternates fresh state changes and repeats, over every vendor.
 */
async function latencyProbe(url: string, limit: number, count = 4_000): Promise<{ mean: number; p50: number; p99: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const calls = allVendors.flatMap((vendor) =>
    vendor.responses.operations.map((op) => (i: number) =>
      i % 2 === 0 ? concreteCall(vendor, op.operationId, vendor.samples.scale.call(op.operationId, (i / 2) % limit)) : sampleCall(vendor, op.operationId),
    ).map((make) => ({ vendor: vendor.name, make })),
  );
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { vendor, make } = calls[i % calls.length]!;
    const call = make(Math.floor(i / calls.length));
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${url}/${vendor}${call.path}`, { method: call.method, headers: call.headers, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(call.body);
    });
    times.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  agent.destroy();
  const sorted = times.slice(500).sort((a, b) => a - b);
  return {
    mean: Math.round(sorted.reduce((t, x) => t + x, 0) / sorted.length),
    p50: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    p99: Math.round(sorted[Math.floor(sorted.length * 0.99)]!),
  };
}

/** Memory and latency with `entities` per vendor, on the server as installed (dist/) unless `start` says otherwise. */
async function scaling(entities: number, start: typeof startCardmock = startCompiledCardmock): Promise<Scaling> {
  const { child, url } = await start();
  await seed(url, entities);
  const probe = await latencyProbe(url, entities);
  const rss = await rssMb([child.pid!]);
  await stop(child);
  return { entities, rssMb: rss, meanUs: probe.mean, p50Us: probe.p50, p99Us: probe.p99 };
}

/** RSS of an idle `cardmock serve` one second after it started listening. */
async function idleRss(start: typeof startCardmock): Promise<number> {
  const { child } = await start();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const rss = await rssMb([child.pid!]);
  await stop(child);
  return rss;
}

/** Entities per vendor seeded before the load runs: the mix's state changes address these. */
const SEEDED = 60_000;

/** A target's servers, started: where the mix goes, and where to seed when it keeps state. */
interface StartedTarget {
  children: ChildProcess[];
  baseOf: BaseOf;
  seedAt?: string;
}

/** One target under load: started, seeded when it keeps state, loaded, its RSS read, stopped. */
interface LoadTarget {
  target: string;
  banner: string;
  start: () => Promise<StartedTarget>;
}

/** `prism mock` as a user runs it: the CLI, one process per vendor spec. */
async function startPrismMocks(): Promise<StartedTarget> {
  const started = await Promise.all(allVendors.map((v) => startPrismMockCli(v.name)));
  const urls = new Map(allVendors.map((v, i) => [v.name, started[i]!.url]));
  return { children: started.map((s) => s.child), baseOf: (v) => ({ url: urls.get(v)!, prefix: '' }) };
}

/** In the order the table shows them; bench-report.ts finds the ratios' rows by these names. */
const LOAD_TARGETS: LoadTarget[] = [
  {
    target: TARGETS.cardmock,
    banner: 'cardmock (compiled serve --quiet: stateful, full validation)…',
    start: async () => {
      const { child, url } = await startCompiledCardmock();
      return { children: [child], baseOf: (v) => ({ url, prefix: `/${v}` }), seedAt: url };
    },
  },
  { target: TARGETS.prismMock, banner: 'prism mock (the CLI, one process per vendor spec)…', start: startPrismMocks },
  {
    target: 'prism mock in process (serve --stateless)',
    banner: 'prism mock in process (serve --stateless)…',
    start: async () => {
      const { child, baseOf } = await startServe('stateless');
      return { children: [child], baseOf: (v) => ({ url: baseOf(v), prefix: '' }) };
    },
  },
  {
    target: 'prism proxy → cardmock',
    banner: 'prism proxy --errors in front of cardmock (serve --validate)…',
    start: async () => {
      const { child, baseOf, root } = await startServe('validate');
      return { children: [child], baseOf: (v) => ({ url: baseOf(v), prefix: '' }), seedAt: root! };
    },
  },
  {
    target: TARGETS.ceiling,
    banner: 'bare node http (ceiling)…',
    start: async () => {
      const { child, url } = await startCeiling();
      return { children: [child], baseOf: () => ({ url, prefix: '' }) };
    },
  },
];

async function measure({ target, start }: LoadTarget): Promise<{ row: Measured; rssMb: number }> {
  const { children, baseOf, seedAt } = await start();
  const pids = children.map((c) => c.pid!);
  if (seedAt) await seed(seedAt, SEEDED);
  const row = await loadMix(target, pids, baseOf, { duration: DURATION, connections: CONNECTIONS, limit: SEEDED });
  const rss = await treeRssMb(...pids);
  await Promise.all(children.map(stop));
  return { row, rssMb: rss };
}

async function underLoad(): Promise<Pick<BenchResults, 'rows' | 'memory'>> {
  const rows: Measured[] = [];
  const memory: Record<string, number> = {};
  for (const target of LOAD_TARGETS) {
    console.log(target.banner);
    const { row, rssMb } = await measure(target);
    rows.push(row);
    memory[row.target] = rssMb;
  }
  return { rows, memory };
}

/** Idle RSS of `cardmock serve` as installed (dist/, freshly built) and from source. */
async function idleRssOfBuilds(): Promise<BenchResults['idle']> {
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.js', import.meta.url))], { stdio: 'ignore' });
  return { compiled: await idleRss(startCompiledCardmock), tsx: await idleRss(startCardmock) };
}

async function main(): Promise<void> {
  const vendors = allVendors.map((v) => v.name);
  console.log(`cardmock bench: ${vendors.length} vendors, ${CONNECTIONS} connections, ${DURATION} s per target, loopback\n`);
  const idle = await idleRssOfBuilds();

  console.log('start-up…');
  const startups = { cardmock: await startup('stateful'), stateless: await startup('stateless'), validate: await startup('validate') };
  const { rows, memory } = await underLoad();
  console.log(`scaling: 1 000 and ${SCALE.toLocaleString('en')} entities per vendor…`);
  const large = await scaling(SCALE);
  const scalingRuns: BenchResults['scaling'] = [await scaling(1_000), { ...large, tsxRssMb: (await scaling(SCALE, startCardmock)).rssMb }];

  const results: BenchResults = { vendors, duration: DURATION, connections: CONNECTIONS, startupRuns: STARTUP_RUNS, idle, startup: startups, rows, memory, scaling: scalingRuns };
  const ratios = ratiosOf(results);
  console.log(`\n${reportText(results, ratios)}`);
  await writeBenchJson(results, ratios);
  console.log(`\nwritten to reports/bench.json`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
