/**
 * `npx tsx scripts/sessions-rss.ts`: RSS of the server before and after SESSIONS_COUNT (default 200 000)
 * requests, each naming a session never used before. One in two is a successful vendor call (the
 * session then holds state), the others a 404, an unknown vendor or a control GET (which must leave
 * nothing behind). Loopback only; prints the figures and the server's session counters.
 *
 * Env: SESSIONS_COUNT, SESSIONS_CONNECTIONS (default 20), SESSIONS_CLI (another checkout's
 * bin/cardmock.js, to measure it the same way).
 */
import autocannon from 'autocannon';
import { sampleCall } from '../mocks/core/sample-call.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import { rssMb, runMain, startCardmock, statusCounts, stop } from './load-kit.ts';

const COUNT = Number(process.env.SESSIONS_COUNT ?? 200_000);
const CONNECTIONS = Number(process.env.SESSIONS_CONNECTIONS ?? 20);

async function main(): Promise<number> {
  const { child, url } = await startCardmock(process.env.SESSIONS_CLI);
  // Warm the server's code paths on one session first, so "before" is a running server, not a cold one.
  for (const vendor of allVendors) {
    const call = sampleCall(vendor, vendor.responses.operations[0]!.operationId);
    await fetch(`${url}/${vendor.name}${call.path}`, { method: call.method, headers: call.headers, ...(call.body ? { body: call.body } : {}) });
  }
  const before = await rssMb([child.pid!]);
  const calls = allVendors.map((vendor) => ({ vendor, call: sampleCall(vendor, vendor.responses.operations[0]!.operationId) }));
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: COUNT,
    requests: [
      {
        setupRequest: (request) => {
          const k = n++;
          const headers = { ...request.headers, 'x-cardmock-session': `rss-${k}` };
          if (k % 2 === 0) {
            const { vendor, call } = calls[(k / 2) % calls.length]!;
            return { ...request, method: call.method as autocannon.Request['method'], path: `/${vendor.name}${call.path}`, headers: { ...headers, ...call.headers }, ...(call.body ? { body: call.body } : {}) };
          }
          const path = ['/paysafe/no/such/path', '/no-such-vendor/x', '/__cardmock/requests', '/__cardmock/paysafe/state'][(k >> 1) % 4]!;
          return { ...request, method: 'GET', path, headers, body: undefined as unknown as string };
        },
      },
    ],
  });
  const after = await rssMb([child.pid!]);
  const stats = await (await fetch(`${url}/__cardmock/sessions`)).json().catch(() => ({})) as { live?: number; sessions?: string[]; evicted?: unknown; maxSessions?: number };
  await stop(child);
  console.log(`${result.requests.total.toLocaleString('en')} requests, ${COUNT.toLocaleString('en')} distinct sessions, statuses ${JSON.stringify(statusCounts([result]))}, errors ${result.errors + result.timeouts}`);
  console.log(`RSS before ${before} MB → after ${after} MB (growth ${after - before} MB)`);
  console.log(`sessions kept: ${stats.live ?? stats.sessions?.length ?? '?'} (limit ${stats.maxSessions ?? 'none'}), evicted ${JSON.stringify(stats.evicted ?? 'not counted')}`);
  return 0;
}

runMain(main);
