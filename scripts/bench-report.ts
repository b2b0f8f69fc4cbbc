/**
 * What `npm run bench` prints and writes: the load table, the ratios, start-up, idle memory and
 * scaling lines, and reports/bench.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Measured } from './load-kit.ts';

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
  cardmockOverPrismMock: number;
  cardmockOverCeiling: number;
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
  /** Under load, in the order cardmock, prism mock, prism proxy → cardmock, ceiling. */
  rows: Measured[];
  /** RSS after the load, by target. */
  memory: Record<string, number>;
  scaling: [small: Scaling, large: Scaling];
}

export const round = (n: number) => Math.round(n * 100) / 100;

export function ratiosOf({ rows, scaling: [small, large] }: BenchResults): Ratios {
  const [cardmock, prism, , ceiling] = rows as [Measured, Measured, Measured, Measured];
  return {
    cardmockOverPrismMock: round(cardmock.requestsPerSecond / prism.requestsPerSecond),
    cardmockOverCeiling: round(cardmock.requestsPerSecond / ceiling.requestsPerSecond),
    latencyLargeOverSmall: round(large.meanUs / small.meanUs),
  };
}

function loadTable({ rows, memory }: BenchResults): string {
  return [
    '| target | req/s | p50 ms | p99 ms | max ms | socket errors | 5xx | RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.target} | ${r.requestsPerSecond.toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.serverErrors} | ${memory[r.target]} |`),
  ].join('\n');
}

export function reportText(results: BenchResults, ratios: Ratios): string {
  const { vendors, startupRuns, idle, startup: { cardmock, stateless, validate }, scaling: [small, large] } = results;
  return [
    loadTable(results),
    '',
    `cardmock ÷ prism mock: ${ratios.cardmockOverPrismMock} ×   cardmock ÷ ceiling: ${Math.round(ratios.cardmockOverCeiling * 100)} %`,
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
