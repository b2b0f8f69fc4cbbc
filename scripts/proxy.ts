/**
 * `cardmock proxy`: put cardmock between your integration tests and a vendor sandbox. Every
 * exchange is forwarded unchanged, judged against the spec, printed as one line (violations in full
 * with a redacted curl line), optionally recorded for `serve --replay`; on exit (Ctrl-C, SIGTERM) the
 * report and the coverage matrix of the documented pairs the traffic met are written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { json } from '../conformance/lib/reporters/json.ts';
import { junit } from '../conformance/lib/reporters/junit.ts';
import { markdown } from '../conformance/lib/reporters/markdown.ts';
import { formatFailure, summary } from '../conformance/lib/reporters/terminal.ts';
import { vendorNames } from '../conformance/lib/spec-index.ts';
import { exchangeLine, trafficReport } from '../conformance/lib/traffic-report.ts';
import { fixturesSeen } from '../mocks/replay/fixtures-seen.ts';
import { EXCHANGES_PATH, startProxy } from './proxy-server.ts';

const HELP = `Usage: cardmock proxy --vendor <name|all> --upstream <url> [options]

  --vendor <v|all>         ${vendorNames().join(', ')}, or all (then --upstream-map)
  --upstream <url>         The vendor's base URL (its sandbox); the proxy serves it at its root
  --upstream-map <file>    With --vendor all: {"paysafe": "https://…", …}; each vendor is served
                           under /<vendor>, the prefixes of \`cardmock serve\`
  --port <n>               Port to listen on (default 4030; 0 picks a free one)
  --host <addr>            Interface to bind (default 127.0.0.1)
  --auth <value>           Authorization sent upstream instead of the client's (or env CARDMOCK_AUTH)
  --auth-from-client       Forward the client's Authorization header as is
  --timeout <ms>           Upstream time-out per request (default 30000); then 504
  --record <dir>           Store every exchange (credentials removed) for \`cardmock serve --replay <dir>\`,
                           and the entities seen as control-API fixtures in <dir>/fixtures.json
  --report <file>          Write a report on exit (and on SIGTERM)
  --reporter <kind>        junit | json | markdown (default junit)
  --quiet                  Only violations, no line per exchange

Exit code: 0 when no exchange broke the contract, 1 otherwise, 2 on bad usage.
`;

export async function proxyCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        vendor: { type: 'string' },
        upstream: { type: 'string' },
        'upstream-map': { type: 'string' },
        port: { type: 'string', default: '4030' },
        host: { type: 'string', default: '127.0.0.1' },
        auth: { type: 'string' },
        'auth-from-client': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '30000' },
        record: { type: 'string' },
        report: { type: 'string' },
        reporter: { type: 'string', default: 'junit' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`cardmock proxy: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const usage = (message: string) => {
    console.error(`cardmock proxy: ${message}\n\n${HELP}`);
    return 2;
  };
  const known = vendorNames();
  let upstreams: Record<string, string>;
  if (values.vendor === 'all') {
    if (!values['upstream-map']) return usage('--vendor all needs --upstream-map <file.json>');
    try {
      upstreams = JSON.parse(await readFile(values['upstream-map'], 'utf8'));
    } catch (error) {
      return usage(`cannot read ${values['upstream-map']}: ${(error as Error).message}`);
    }
  } else if (values.vendor && known.includes(values.vendor)) {
    if (!values.upstream) return usage('--upstream <url> is required');
    upstreams = { [values.vendor]: values.upstream };
  } else {
    return usage(`--vendor must be one of ${known.join(', ')} or all`);
  }
  for (const [vendor, url] of Object.entries(upstreams)) {
    if (!known.includes(vendor)) return usage(`unknown vendor "${vendor}" in the upstream map`);
    if (!/^https?:\/\//.test(String(url)) || !URL.canParse(url)) return usage(`upstream of ${vendor} is not an http(s) URL: ${url}`);
  }
  const port = Number(values.port);
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage('--port must be 0–65535');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) return usage('--timeout must be a positive integer');
  if (!['junit', 'json', 'markdown'].includes(values.reporter!)) return usage('--reporter must be junit, json or markdown');
  const authorization = values.auth ?? process.env.CARDMOCK_AUTH;
  if (!authorization && !values['auth-from-client']) return usage('give the sandbox credentials with --auth (or CARDMOCK_AUTH), or forward the client\'s with --auth-from-client');
  if (authorization && values['auth-from-client']) return usage('choose --auth or --auth-from-client, not both');

  const startedAt = new Date();
  const proxy = await startProxy({
    upstreams,
    port,
    host: values.host!,
    ...(authorization ? { authorization } : {}),
    timeoutMs,
    ...(values.record ? { recordDir: values.record } : {}),
    onExchange: (exchange, redacted) => {
      if (!values.quiet || exchange.verdict === 'violation') console.log(redacted(exchangeLine(exchange)));
      for (const f of [...exchange.errors, ...exchange.requestProblems]) console.log(redacted(`  ${formatFailure(f)}`));
    },
  }).catch((error: NodeJS.ErrnoException) => error);
  if (proxy instanceof Error) {
    console.error(`cardmock proxy: cannot listen on ${values.host}:${port} (${proxy.code ?? proxy.message})`);
    return 1;
  }
  console.log(`cardmock proxy listening on ${proxy.url}`);
  for (const [vendor, url] of Object.entries(upstreams)) console.log(`  ${(Object.keys(upstreams).length === 1 ? '/' : `/${vendor}`).padEnd(22)} → ${url} (${vendor})`);
  console.log(`  exchanges: ${proxy.url}${EXCHANGES_PATH}`);

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  console.log(`cardmock proxy: ${signal}, finishing exchanges in flight`);
  await proxy.close();
  const report = trafficReport({ target: Object.values(upstreams).join(', '), startedAt, vendors: Object.keys(upstreams), exchanges: proxy.exchanges });
  console.log(proxy.redact(summary(report)));
  if (values.record) {
    const file = path.join(values.record, 'fixtures.json');
    await writeFile(file, `${proxy.redact(JSON.stringify(fixturesSeen(proxy.recordings), null, 2))}\n`);
    console.log(`recorded ${proxy.recordings.length} exchange(s) in ${values.record}; entities seen: ${file}`);
  }
  if (values.report) {
    const render = { junit, json, markdown }[values.reporter as 'junit' | 'json' | 'markdown'];
    await mkdir(path.dirname(path.resolve(values.report)), { recursive: true });
    await writeFile(values.report, proxy.redact(render(report)));
    console.log(`report written to ${values.report}`);
  }
  return report.ok ? 0 : 1;
}
