/**
 * The proxy phase of `npm run soak`: `cardmock proxy --vendor all` in front of the soak's server
 * for SOAK_PROXY_SECONDS (default 30), under a mix of good exchanges (the request mix of every
 * vendor), oversized ones (bodies past what the proxy keeps and the server accepts), slow ones
 * (the server delays its answer) and abandoned ones (the client goes before the answer). Passes
 * when the proxy never dies, its RSS grows less than the soak's bound over the second half, and
 * SIGTERM makes it write its report and exit within a few seconds.
 */
import autocannon from 'autocannon';
import net from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allVendors } from '../mocks/vendors/index.ts';
import { mix, rssMb, sampleRss, spawnServer, stopWithin, type RssSample } from './load-kit.ts';

const cli = fileURLToPath(new URL('../bin/cardmock.js', import.meta.url));

export interface ProxyPhase {
  seconds: number;
  connections: number;
  /** What `report` of soak.ts judges the samples with. */
  judge(phase: string, results: autocannon.Result[], seconds: number, samples: RssSample[], rssEnd: number): boolean;
}

export async function proxyPhase(serverUrl: string, phase: ProxyPhase): Promise<boolean> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cardmock-soak-proxy-'));
  try {
    const map = path.join(dir, 'upstreams.json');
    const report = path.join(dir, 'report.json');
    await writeFile(map, JSON.stringify(Object.fromEntries(allVendors.map((v) => [v.name, `${serverUrl}/${v.name}`]))));
    const { child, url } = await spawnServer([cli, 'proxy', '--vendor', 'all', '--upstream-map', map, '--auth-from-client', '--port', '0', '--quiet', '--report', report, '--reporter', 'json'], /listening on (http:\/\/\S+)/);
    let stopping = false;
    let died = false;
    child.once('exit', () => (died = !stopping));
    console.log(`\nsoak, proxy: ${phase.seconds} s through cardmock proxy: good, oversized, slow (1 s server delay) and abandoned exchanges`);
    const sampling = sampleRss(child.pid!, 1_000, 5);
    const abandoning = abandonRepeatedly(url, phase.seconds * 1_000);
    const results = await Promise.all([
      ...allVendors.map((vendor) => autocannon({ url, connections: Math.max(1, Math.round(phase.connections / allVendors.length)), duration: phase.seconds, requests: mix(vendor, `/${vendor.name}`, { next: 0, limit: 1_000 }) })),
      autocannon({ url, connections: 2, duration: phase.seconds, requests: [oversized()] }),
      autocannon({ url, connections: 10, duration: phase.seconds, timeout: 5, requests: [slow()] }),
    ]);
    const abandoned = await abandoning;
    const samples = sampling.stop();
    const rssEnd = await rssMb([child.pid!]);
    const grown = phase.judge('proxy load', results, phase.seconds, samples, rssEnd);
    console.log(`proxy: ${abandoned} exchanges abandoned by their client`);
    stopping = true;
    const stopped = await stopWithin(child, 5_000);
    const written = await readFile(report, 'utf8').then((text) => JSON.parse(text) as { results: { outcome: string; title: string; reason?: string }[] }).catch(() => undefined);
    console.log(`proxy: ${died ? 'DIED during the phase' : 'alive until SIGTERM'}; ${stopped.text}; report ${written === undefined ? 'NOT written' : `written: ${outcomes(written.results)}`}`);
    const ok = grown && !died && stopped.inTime && written !== undefined;
    console.log(`proxy: ${ok ? 'passed' : 'FAILED'}`);
    return ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const paysafe = allVendors.find((v) => v.name === 'paysafe')!;
const assign = mix(paysafe, '/paysafe', { next: 0, limit: 1 })[1]!;

/** A body past what the proxy keeps (256 KB) and what the server takes (1 MB): the server's documented 400. */
const oversized = (): autocannon.Request => ({ ...assign, body: JSON.stringify({ targetCustomerId: '1233333323', padding: 'x'.repeat(2 * 1024 * 1024) }) });

/** The server waits 1 s before answering (its fault delay): exchanges stay in flight a while. */
const slow = (): autocannon.Request => ({ ...assign, headers: { ...assign.headers, 'x-cardmock-delay': '1000', 'x-cardmock-session': 'soak-slow' } });

/** Clients that send a whole request and go away before the answer, a few at a time, until `ms` have passed. */
async function abandonRepeatedly(url: string, ms: number): Promise<number> {
  const { port } = new URL(url);
  const body = assign.body!;
  const end = Date.now() + ms;
  let count = 0;
  while (Date.now() < end) {
    await Promise.all(
      Array.from({ length: 5 }, () => {
        const socket = net.connect(Number(port), '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(`POST ${assign.path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: ${assign.headers!.authorization}\r\nx-cardmock-delay: 500\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        count++;
        return new Promise<void>((resolve) => setTimeout(() => resolve(void socket.destroy()), 50));
      }),
    );
  }
  return count;
}

/** The listed exchanges by outcome and title (`400 ok`, `- incomplete` …), the commonest first. */
function outcomes(results: { outcome: string; title: string; reason?: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(`${r.outcome} ${r.title}${r.reason ? ` (${r.reason})` : ''}`, (counts.get(`${r.outcome} ${r.title}${r.reason ? ` (${r.reason})` : ''}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`).join(', ');
}
