/**
 * What `npm run bench` prints and writes: the load table, the ratios, start-up, idle memory and
 * scaling lines, and reports/bench.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { round, type Measured } from './load-kit.ts';

/** The rows the ratios compare. */
export const TARGETS = { cardmock: 'cardmock', prismMock: 'prism mock (CLI)', ceiling: 'bare node http (ceiling)' } as const;

export interface Startup {
  ms: number;
  idleRssMb: number;
  rangeMs: [number, number];
}

export interface Scaling {
  entities: number;
  /** The compiled server's (dist/, as installed). */
  rssMb: number;
  /** The same run from source through tsx (the large run only). */
  tsxRssMb?: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

export interface Ratios {
  /** req/s: cardmock ÷ `prism mock` (the CLI). */
  cardmockOverPrismMock: number;
  /** req/s: cardmock ÷ bare node:http. */
  cardmockOverCeiling: number;
  /** Server CPU per request: cardmock ÷ bare node:http. */
  cpuOverCeiling: number;
  /** Server CPU per request: `prism mock` ÷ cardmock. */
  prismMockCpuOverCardmock: number;
  latencyLargeOverSmall: number;
}

export interface BenchResults {
  vendors: string[];
  duration: number;
  connections: number;
  startupRuns: number;
  /** Idle RSS of `cardmock serve`, compiled and through tsx. */
  idle: { compiled: number; tsx: number };
  startup: { cardmock: Startup; stateless: Startup; validate: Startup };
  /** Under load: cardmock, prism mock (CLI), prism mock in process, prism proxy → cardmock, ceiling. */
  rows: Measured[];
  /** RSS after the load, by target. */
  memory: Record<string, number>;
  scaling: [small: Scaling, large: Scaling];
}

export { round };

export function ratiosOf({ rows, scaling: [small, large] }: BenchResults): Ratios {
  const row = (target: string) => rows.find((r) => r.target === target) ?? raise(`no "${target}" row`);
  const [cardmock, prism, ceiling] = [row(TARGETS.cardmock), row(TARGETS.prismMock), row(TARGETS.ceiling)];
  return {
    cardmockOverPrismMock: round(cardmock.requestsPerSecond / prism.requestsPerSecond),
    cardmockOverCeiling: round(cardmock.requestsPerSecond / ceiling.requestsPerSecond),
    cpuOverCeiling: round(cardmock.cpuUsPerRequest / ceiling.cpuUsPerRequest),
    prismMockCpuOverCardmock: round(prism.cpuUsPerRequest / cardmock.cpuUsPerRequest),
    latencyLargeOverSmall: round(large.meanUs / small.meanUs),
  };
}

const raise = (message: string): never => {
  throw new Error(message);
};

function loadTable({ rows, memory }: BenchResults): string {
  return [
    '| target | req/s | server CPU µs/request | p50 ms | p99 ms | max ms | socket errors | 5xx | RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.requestsPerSecond.toLocaleString('en')} | ${r.cpuUsPerRequest} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.serverErrors} | ${memory[r.target]} |`,
    ),
  ].join('\n');
}

/** The goals of issue 23 beside what this run measured. */
function ratioLines(results: BenchResults, ratios: Ratios): string[] {
  const cardmock = results.rows.find((r) => r.target === TARGETS.cardmock)!;
  return [
    `server CPU per request, cardmock ÷ bare node:http: ${ratios.cpuOverCeiling} × (goal ≤ 1.5 ×); prism mock ÷ cardmock: ${ratios.prismMockCpuOverCardmock} ×`,
    `req/s, cardmock ÷ prism mock: ${ratios.cardmockOverPrismMock} × (goal ≥ 15 ×); cardmock ÷ bare node:http: ${Math.round(ratios.cardmockOverCeiling * 100)} %`,
    `cardmock p99 at ${results.connections} connections: ${cardmock.p99} ms (goal ≤ 5 ms)`,
  ];
}

export function reportText(results: BenchResults, ratios: Ratios): string {
  const { vendors, startupRuns, idle, startup: { cardmock, stateless, validate }, scaling: [small, large] } = results;
  return [
    loadTable(results),
    '',
    ...ratioLines(results, ratios),
    `start-up to first answer of all ${vendors.length} vendors (compiled; median of ${startupRuns}, range): cardmock ${cardmock.ms} ms (${cardmock.rangeMs.join('–')}), ` +
      `serve --stateless ${stateless.ms} ms (${stateless.rangeMs.join('–')}), serve --validate ${validate.ms} ms (${validate.rangeMs.join('–')})`,
    `RSS one second after that (process and children): serve --stateless ${stateless.idleRssMb} MB, serve --validate ${validate.idleRssMb} MB`,
    `idle RSS of cardmock serve: ${idle.compiled} MB compiled (dist/, as installed), ${idle.tsx} MB from source through tsx`,
    `scaling (compiled, one connection, sequential): ${small.entities.toLocaleString('en')}/vendor → RSS ${small.rssMb} MB, mean ${small.meanUs} µs, p99 ${small.p99Us} µs; ` +
      `${large.entities.toLocaleString('en')}/vendor → RSS ${large.rssMb} MB (${large.tsxRssMb ?? '?'} MB from source through tsx), mean ${large.meanUs} µs, p99 ${large.p99Us} µs (mean ratio ${ratios.latencyLargeOverSmall})`,
  ].join('\n');
}

/** reports/bench.json: the results with the date and Node version, keys in the order earlier reports have them. */
export async function writeBenchJson(results: BenchResults, ratios: Ratios): Promise<void> {
  const { vendors, duration, connections, rows, memory, startup, idle, scaling } = results;
  await mkdir(fileURLToPath(new URL('../reports/', import.meta.url)), { recursive: true });
  const out = fileURLToPath(new URL('../reports/bench.json', import.meta.url));
  const prismIdleRssMb = { stateless: startup.stateless.idleRssMb, validate: startup.validate.idleRssMb };
  const json = { date: new Date().toISOString(), node: process.version, duration, connections, vendors, rows, memory, startup, prismIdleRssMb, idleRssMb: idle, scaling, ratios };
  await writeFile(out, `${JSON.stringify(json, null, 2)}\n`);
}
