/**
 * `npx tsx scripts/attack-rss.ts [scenario…]`: the memory an attacker on loopback can make a
 * cardmock process hold, measured as its RSS (the process alone, read from /proc). Scenarios:
 *
 * - `slow-reader`: a client asks the proxy for an endless answer and never reads it (40 s).
 * - `endless-upstream`: the upstream's answer never ends; the client reads it for 10 s, then goes
 *   away; 20 s later: how much the proxy still read from the upstream after the client left.
 * - `fixture-flood`: 1 MB fixture posts, each into a new session, 4 at a time (60 s).
 * - `stalled-readers`: 100 connections ask for a large state (200 000 cards) and never read;
 *   the p99 of another session's requests before and during.
 *
 * Env: ATTACK_CLI (another checkout's bin/cardmock.js, to measure it the same way), ATTACK_SECONDS
 * (scales every phase; default 1 = the durations above). A scenario stops early past 3 GB.
 */
import autocannon from 'autocannon';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sampleCall } from '../mocks/core/sample-call.ts';
import { paysafe } from '../mocks/vendors/paysafe/index.ts';
import type { ChildProcess } from 'node:child_process';
import { rssMb, runMain, spawnServer, stopWithin } from './load-kit.ts';

const CLI = process.env.ATTACK_CLI ?? new URL('../bin/cardmock.js', import.meta.url).pathname;
const SCALE = Number(process.env.ATTACK_SECONDS ?? 1);
const LIMIT_MB = 3_072;
const ASSIGN = sampleCall(paysafe, 'assignBulkCard');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms * SCALE));

/** RSS over a phase: at start, at most, at the end. */
async function watch(pid: number, ms: number): Promise<{ start: number; max: number; end: number; seconds: number }> {
  const start = await rssMb([pid]);
  let max = start;
  let end = start;
  let t = 0;
  while (t < ms * SCALE && end <= LIMIT_MB) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    t += 1_000;
    end = await rssMb([pid]);
    max = Math.max(max, end);
  }
  return { start, max, end, seconds: t / 1_000 };
}

/** An upstream whose answer never ends: 64 KB pieces as fast as the proxy takes them; counts what it wrote. */
async function endlessUpstream(): Promise<{ url: string; written: () => number; open: () => number; close(): void }> {
  let written = 0;
  const piece = Buffer.alloc(64 * 1024, 'x');
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      for (let more = true; more && !res.destroyed; written += piece.length) more = res.write(piece);
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  server.on('connection', (s) => sockets.add(s.once('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    open: () => sockets.size,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const startProxy = (upstream: string, extra: string[] = []) =>
  spawnServer([CLI, 'proxy', '--vendor', 'paysafe', '--upstream', upstream, '--auth-from-client', '--port', '0', '--quiet', ...extra], /listening on (http:\/\/\S+)/);

/** A raw request that is sent whole and whose answer is then never read. */
function stalledRequest(url: string, method: string, path: string, body = ''): net.Socket {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.write(`${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.pause();
  socket.on('error', () => {});
  return socket;
}

async function slowReader(): Promise<string> {
  const upstream = await endlessUpstream();
  const { child, url } = await startProxy(upstream.url, ['--timeout', '120000']);
  const client = stalledRequest(url, ASSIGN.method, ASSIGN.path, ASSIGN.body);
  const rss = await watch(child.pid!, 40_000);
  const line = `slow-reader: proxy RSS ${rss.start} → ${rss.end} MB (max ${rss.max}) after ${rss.seconds} s${rss.end > LIMIT_MB ? ' (stopped at the 3 GB limit)' : ''}; upstream wrote ${mb(upstream.written())} MB`;
  const stopped = await stop(child);
  client.destroy();
  upstream.close();
  return `${line}; ${stopped}`;
}

async function endlessUpstreamScenario(): Promise<string> {
  const upstream = await endlessUpstream();
  const { child, url } = await startProxy(upstream.url);
  const start = await rssMb([child.pid!]);
  const controller = new AbortController();
  let read = 0;
  const reading = fetch(`${url}${ASSIGN.path}`, { method: ASSIGN.method, headers: ASSIGN.headers, body: ASSIGN.body!, signal: controller.signal })
    .then(async (r) => {
      const reader = r.body!.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) read += next.value.length;
    })
    .catch(() => {});
  await sleep(10_000);
  controller.abort();
  await reading;
  const atLeave = upstream.written();
  const rss = await watch(child.pid!, 20_000);
  const line = `endless-upstream: client read ${mb(read)} MB in ${10 * SCALE} s then left; upstream wrote ${mb(upstream.written() - atLeave)} MB more in the ${20 * SCALE} s after, ${upstream.open()} upstream connection(s) still open; proxy RSS ${start} → ${rss.end} MB (max ${rss.max})`;
  const stopped = await stop(child);
  upstream.close();
  return `${line}; ${stopped}`;
}

/** A fixtures body of just under 1 MB (the body cap is 1 MiB). */
function megabyteOfFixtures(): string {
  let count = 12_000;
  let body = JSON.stringify(paysafe.samples.scale.fixtures(count));
  while (Buffer.byteLength(body) > 1_000_000) body = JSON.stringify(paysafe.samples.scale.fixtures((count -= 200)));
  return body;
}

async function fixtureFlood(): Promise<string> {
  const { child, url } = await spawnServer([CLI, 'serve', '--port', '0', '--quiet'], /listening on (http:\/\/\S+)/);
  const body = megabyteOfFixtures();
  let n = 0;
  const statuses: Record<number, number> = {};
  let running = true;
  const poster = async () => {
    while (running) {
      const r = await fetch(`${url}/__cardmock/paysafe/fixtures`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cardmock-session': `flood-${++n}` }, body }).catch(() => undefined);
      if (r) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      await r?.arrayBuffer().catch(() => undefined);
    }
  };
  const posters = Array.from({ length: 4 }, poster);
  const rss = await watch(child.pid!, 60_000);
  running = false;
  await Promise.all(posters);
  const sessions = (await (await fetch(`${url}/__cardmock/sessions`)).json()) as Record<string, unknown>;
  await stop(child);
  return `fixture-flood: ${n} posts of ${mb(Buffer.byteLength(body))} MB into new sessions in ${rss.seconds} s, statuses ${JSON.stringify(statuses)}; RSS ${rss.start} → ${rss.end} MB (max ${rss.max}); sessions ${JSON.stringify({ live: sessions.live, evicted: sessions.evicted })}`;
}

async function p99(url: string): Promise<string> {
  const call = sampleCall(paysafe, 'assignBulkCard');
  const result = await autocannon({ url, connections: 10, duration: 10 * SCALE, requests: [{ method: 'POST', path: `/paysafe${call.path}`, headers: { ...call.headers, 'x-cardmock-session': 'other' }, body: call.body! }] });
  return `${result.latency.p99} ms (${result.requests.total} requests, ${result.errors + result.timeouts} errors)`;
}

async function stalledReaders(): Promise<string> {
  const { child, url } = await spawnServer([CLI, 'serve', '--port', '0', '--quiet'], /listening on (http:\/\/\S+)/);
  for (let offset = 0; offset < 200_000; offset += 10_000) {
    const r = await fetch(`${url}/__cardmock/paysafe/fixtures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paysafe.samples.scale.fixtures(10_000, offset)) });
    if (r.status !== 200) throw new Error(`seeding failed: ${r.status} ${await r.text()}`);
  }
  const quiet = await p99(url);
  const start = await rssMb([child.pid!]);
  const readers = Array.from({ length: 100 }, () => stalledRequest(url, 'GET', '/__cardmock/paysafe/state'));
  const rss = await watch(child.pid!, 15_000);
  const loaded = await p99(url);
  const end = await rssMb([child.pid!]);
  readers.forEach((r) => r.destroy());
  await stop(child);
  return `stalled-readers: 100 readers of a 200 000-card state; RSS ${start} → ${end} MB (max ${Math.max(rss.max, end)}); p99 of another session ${quiet} quiet, ${loaded} with the readers`;
}

const stop = async (child: ChildProcess) => (await stopWithin(child, 10_000)).text;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const SCENARIOS: Record<string, () => Promise<string>> = {
  'slow-reader': slowReader,
  'endless-upstream': endlessUpstreamScenario,
  'fixture-flood': fixtureFlood,
  'stalled-readers': stalledReaders,
};

runMain(async () => {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
  console.log(`attack-rss: ${CLI}`);
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`no scenario ${name}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    console.log(await scenario());
  }
  return 0;
});
