/**
 * The bench's own arithmetic: CPU time read from /proc/<pid>/stat, CPU per request, and the ratios
 * of the side-by-side table. (What the bench measures is judged by running it, never by a test.)
 */
import { describe, expect, it } from 'vitest';
import { ratiosOf, reportText, TARGETS, type BenchResults } from './bench-report.ts';
import { cpuSeconds, cpuTicksOfStat, cpuUsPerRequest, type Measured } from './load-kit.ts';

describe('cpuTicksOfStat', () => {
  // Fields 14–17 (utime, stime, cutime, cstime) are 11, 22, 33 and 44; the command name holds a
  // space and a parenthesis, as a process may name itself.
  const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 1234 0 0 0 11 22 33 44 20 0 11 0 5678 1189834752 12345 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0';

  it('adds user and system time of the process and of its waited-for children', () => {
    expect(cpuTicksOfStat(stat)).toBe(11 + 22 + 33 + 44);
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => cpuTicksOfStat('no such process')).toThrow(/not a \/proc/);
    expect(() => cpuTicksOfStat('1 (x) S 1 2')).toThrow(/not a \/proc/);
  });

  it('reads this process as process.cpuUsage() counts it (to a clock tick)', async () => {
    const spin = Date.now() + 100;
    while (Date.now() < spin); // some CPU time to read
    const usage = process.cpuUsage();
    const fromProc = await cpuSeconds([process.pid]);
    expect(Math.abs(fromProc - (usage.user + usage.system) / 1e6)).toBeLessThan(0.05);
  });
});

describe('CPU per request and the ratios', () => {
  const row = (target: string, requestsPerSecond: number, cpuUsPerRequest: number): Measured => ({
    target, requestsPerSecond, cpuUsPerRequest, p50: 1, p99: 4, max: 9, errors: 0, serverErrors: 0, requests: requestsPerSecond * 10,
  });
  const results = (rows: Measured[]): BenchResults => ({
    vendors: ['pismo'],
    duration: 10,
    connections: 50,
    startupRuns: 1,
    idle: { compiled: 50, tsx: 90 },
    startup: { cardmock: { ms: 1, idleRssMb: 1, rangeMs: [1, 1] }, stateless: { ms: 1, idleRssMb: 1, rangeMs: [1, 1] }, validate: { ms: 1, idleRssMb: 1, rangeMs: [1, 1] } },
    rows,
    memory: {},
    scaling: [
      { entities: 1, rssMb: 1, meanUs: 200, p50Us: 1, p99Us: 1 },
      { entities: 2, rssMb: 1, meanUs: 250, p50Us: 1, p99Us: 1 },
    ],
  });

  it('CPU per request is the CPU time over the requests, in µs to a tenth', () => {
    expect(cpuUsPerRequest(0.5, 10_000)).toBe(50);
    expect(cpuUsPerRequest(1, 3)).toBe(333333.3);
    expect(cpuUsPerRequest(0, 0)).toBe(0);
  });

  it('compares cardmock with bare node:http (CPU, req/s) and with the prism mock CLI (req/s, CPU), rows found by name', () => {
    const rows = [row(TARGETS.ceiling, 40_000, 20), row('prism mock in process (serve --stateless)', 6_000, 150), row(TARGETS.prismMock, 1_500, 750), row(TARGETS.cardmock, 30_000, 30)];
    expect(ratiosOf(results(rows))).toEqual({ cardmockOverPrismMock: 20, cardmockOverCeiling: 0.75, cpuOverCeiling: 1.5, prismMockCpuOverCardmock: 25, latencyLargeOverSmall: 1.25 });
  });

  it('says which row is missing rather than dividing by nothing', () => {
    expect(() => ratiosOf(results([row(TARGETS.cardmock, 1, 1), row(TARGETS.ceiling, 1, 1)]))).toThrow(/no "prism mock \(CLI\)" row/);
  });

  it('prints the three CPU figures in the table and the ratios beside the goals', () => {
    const r = results([row(TARGETS.cardmock, 30_000, 30), row(TARGETS.prismMock, 1_500, 750), row(TARGETS.ceiling, 40_000, 20)]);
    const text = reportText(r, ratiosOf(r));
    expect(text).toContain('| cardmock | 30,000 | 30 |');
    expect(text).toContain('| prism mock (CLI) | 1,500 | 750 |');
    expect(text).toContain('| bare node http (ceiling) | 40,000 | 20 |');
    expect(text).toContain('cardmock ÷ bare node:http: 1.5 × (goal ≤ 1.5 ×)');
    expect(text).toContain('cardmock ÷ prism mock: 20 × (goal ≥ 15 ×)');
    expect(text).toContain('p99 at 50 connections: 4 ms (goal ≤ 5 ms)');
  });
});
