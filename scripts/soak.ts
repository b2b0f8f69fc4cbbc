/**
 * `npm run soak`: a random mix at high load against the stateful server for SOAK_SECONDS (default
 * 60), loopback only; then SOAK_NEW_SESSION_SECONDS (default 30) in which every request names a
 * session never used before (a shared CI mock used by many runs). Each phase passes when no request
 * got a 5xx or a socket error and RSS grew by less than SOAK_MAX_GROWTH_MB (default 64) over the
 * phase's second half: the first half is warm-up, in which V8 sizes its heap for the load and the
 * seeded entities are used up; a leak keeps growing after it. RSS is read every second and growth
 * is the median of the last quarter minus the median of the quarter after warm-up, so one reading
 * at the top of a garbage-collection cycle does not decide. Prints the figures, and the entities
 * each vendor's default session holds at the end (bounded: fresh entities are used up, repeats are
 * rejected or replayed). Last, SOAK_PROXY_SECONDS (default 30) through `cardmock proxy` in front of
 * the server (soak-proxy.ts): good, oversized, slow and abandoned exchanges; the proxy must stay
 * up, its RSS within the same bound, and SIGTERM must write its report. Exit code 1 on failure.
 */
import autocannon from 'autocannon';
import { controlPath } from '../conformance/lib/control-paths.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import { mix, rssMb, runMain, sampleRss, seed, startCardmock, statusCounts, stop, type RssSample } from './load-kit.ts';
import { proxyPhase } from './soak-proxy.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const MAX_GROWTH_MB = Number(process.env.SOAK_MAX_GROWTH_MB ?? 64);
const SESSIONS = 20;
const NEW_SESSION_SECONDS = Number(process.env.SOAK_NEW_SESSION_SECONDS ?? 30);
const PROXY_SECONDS = Number(process.env.SOAK_PROXY_SECONDS ?? 30);
const PER_VENDOR = Math.max(1, Math.round(CONNECTIONS / allVendors.length));

async function main(): Promise<number> {
  const { child, url } = await startCardmock();
  // Enough fresh entities for the first seconds; after that every state-changing call is a
  // documented rejection, so the state stops growing and any growth left is a leak.
  const entities = 20_000;
  await seed(url, entities);
  console.log(`soak: ${SECONDS} s, ${CONNECTIONS} connections, ${allVendors.length} vendors, ${entities.toLocaleString('en')} fresh entities each, ${SESSIONS} sessions`);

  const sampling = sampleRss(child.pid!, 1_000, 5);
  let n = 0;
  const results = await Promise.all(
    allVendors.map((vendor) => {
      const requests = mix(vendor, `/${vendor.name}`, { next: 0, limit: entities }).map((r, i) =>
        // Fresh calls stay in the seeded default session; repeats spread over other sessions, and
        // one in four repeats sends a malformed body.
        i % 2 === 0
          ? r
          : {
              ...r,
              setupRequest: (request: autocannon.Request) => {
                const k = ++n;
                const headers = { ...request.headers, 'x-cardmock-session': `soak-${k % SESSIONS}` };
                return k % 4 === 0 && request.body ? { ...request, headers, body: '{"broken": ' } : { ...request, headers };
              },
            },
      );
      return autocannon({ url, connections: PER_VENDOR, duration: SECONDS, requests });
    }),
  );
  const samples = sampling.stop();
  const rssEnd = await rssMb([child.pid!]);
  const phaseOne = report('mixed load', results, SECONDS, samples, rssEnd);
  console.log(`mixed load: entities in each vendor's default session at the end: ${JSON.stringify(await entitiesHeld(url))}`);
  const phaseTwo = await everNewSessions(url, child.pid!);
  const phaseThree = await proxyPhase(url, { seconds: PROXY_SECONDS, connections: CONNECTIONS, judge: report });
  await stop(child);
  const ok = phaseOne && phaseTwo && phaseThree;
  console.log(ok ? 'soak passed' : 'soak FAILED');
  return ok ? 0 : 1;
}

/** Every request in a session never used before: sessions must be evicted, memory must level off. */
async function everNewSessions(url: string, pid: number): Promise<boolean> {
  console.log(`\nsoak, ever-new sessions: ${NEW_SESSION_SECONDS} s, ${CONNECTIONS} connections, each request in a new session`);
  const sampling = sampleRss(pid, 1_000, 5);
  let n = 0;
  const results = await Promise.all(
    allVendors.map((vendor) => {
      const requests = mix(vendor, `/${vendor.name}`, { next: 0, limit: 1_000 }).map((r) => ({
        ...r,
        setupRequest: (request: autocannon.Request) => {
          const base = r.setupRequest ? (r.setupRequest as (q: autocannon.Request) => autocannon.Request)(request) : request;
          return { ...base, headers: { ...base.headers, 'x-cardmock-session': `new-${++n}` } };
        },
      }));
      return autocannon({ url, connections: PER_VENDOR, duration: NEW_SESSION_SECONDS, requests });
    }),
  );
  const samples = sampling.stop();
  const rssEnd = await rssMb([pid]);
  const sessions = (await (await fetch(`${url}/__cardmock/sessions`)).json()) as { live: number; maxSessions: number; evicted: { lru: number; idle: number } };
  console.log(`${n.toLocaleString('en')} new sessions named; kept ${sessions.live} (limit ${sessions.maxSessions}), evicted ${JSON.stringify(sessions.evicted)}`);
  return report('ever-new sessions', results, NEW_SESSION_SECONDS, samples, rssEnd);
}

/** Per vendor, the entries of the default session's state snapshot (its top-level lists). */
async function entitiesHeld(url: string): Promise<Record<string, number>> {
  const held: Record<string, number> = {};
  for (const vendor of allVendors) {
    const snapshot = (await (await fetch(`${url}${controlPath('getVendorState', { vendor: vendor.name })}`)).json()) as Record<string, unknown>;
    held[vendor.name] = Object.values(snapshot).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  }
  return held;
}

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(phase: string, results: autocannon.Result[], seconds: number, samples: RssSample[], rssEnd: number): boolean {
  const warmUpS = Math.max(1, Math.floor(seconds / 2));
  const codes = statusCounts(results);
  const total = results.reduce((t, r) => t + r.requests.total, 0);
  const socketErrors = results.reduce((t, r) => t + r.errors + r.timeouts, 0);
  const serverErrors = Object.entries(codes).filter(([c]) => c.startsWith('5')).reduce((t, [, v]) => t + v, 0);
  const quarter = seconds / 4;
  const warm = median(samples.filter((x) => x.s >= warmUpS && x.s < warmUpS + quarter).map((x) => x.rss)) ?? rssEnd;
  const last = median([...samples.filter((x) => x.s >= seconds - quarter).map((x) => x.rss), rssEnd])!;
  const growth = last - warm;
  console.log(`${phase}: requests ${total.toLocaleString('en')} (${Math.round(total / seconds).toLocaleString('en')}/s), statuses ${JSON.stringify(codes)}`);
  console.log(`${phase}: 5xx ${serverErrors}, socket errors/time-outs ${socketErrors}, RSS median after warm-up ${warm} MB → over the last quarter ${last} MB (growth ${growth} MB, bound ${MAX_GROWTH_MB} MB; ${rssEnd} MB at the end)`);
  const ok = serverErrors === 0 && socketErrors === 0 && growth < MAX_GROWTH_MB;
  console.log(`${phase}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

runMain(main);
