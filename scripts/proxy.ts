/**
 * `cardmock proxy`: put cardmock between your integration tests and a vendor sandbox. Every
 * exchange is forwarded unchanged, judged against the spec, printed as one line (violations in full
 * with a redacted curl line), optionally recorded for `serve --replay`; on exit (Ctrl-C, SIGTERM) the
 * report and the coverage matrix of the documented pairs the traffic met are written.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatFailure, summary } from '../conformance/lib/reporters/terminal.ts';
import { exchangeLine, trafficReport } from '../conformance/lib/traffic-report.ts';
import { fixturesSeen } from '../mocks/replay/fixtures-seen.ts';
import { HELP, parseProxyArgs, settingsOf, type ProxySettings, type ProxyValues } from './proxy-options.ts';
import { EXCHANGES_PATH, startProxy, type RunningProxy } from './proxy-server.ts';
import { readCommandLine } from './cli-usage.ts';
import { writeReport } from './write-report.ts';

export async function proxyCommand(argv: string[]): Promise<number> {
  const line = await readCommandLine('proxy', HELP, () => parseProxyArgs(argv), settingsOf);
  if (typeof line === 'number') return line;
  const { values, settings } = line;

  const startedAt = new Date();
  const proxy = await start(values, settings);
  if (proxy instanceof Error) {
    console.error(`cardmock proxy: cannot listen on ${values.host}:${settings.port} (${proxy.code ?? proxy.message})`);
    return 1;
  }
  printBanner(proxy, settings.upstreams);
  const signal = await firstSignal();
  console.log(`cardmock proxy: ${signal}, finishing exchanges in flight`);
  await proxy.close();
  return finish(proxy, values, settings, startedAt);
}

function start(values: ProxyValues, settings: ProxySettings): Promise<RunningProxy | NodeJS.ErrnoException> {
  const { upstreams, port, authorization, timeoutMs } = settings;
  return startProxy({
    upstreams,
    port,
    host: values.host,
    ...(authorization ? { authorization } : {}),
    timeoutMs,
    ...(values.record ? { recordDir: values.record } : {}),
    onExchange: (exchange, redacted) => {
      if (!values.quiet || exchange.verdict === 'violation') console.log(redacted(exchangeLine(exchange)));
      for (const f of [...exchange.errors, ...exchange.requestProblems]) console.log(redacted(`  ${formatFailure(f)}`));
    },
  }).catch((error: NodeJS.ErrnoException) => error);
}

function printBanner(proxy: RunningProxy, upstreams: Record<string, string>): void {
  console.log(`cardmock proxy listening on ${proxy.url}`);
  for (const [vendor, url] of Object.entries(upstreams)) console.log(`  ${(Object.keys(upstreams).length === 1 ? '/' : `/${vendor}`).padEnd(22)} → ${url} (${vendor})`);
  console.log(`  exchanges: ${proxy.url}${EXCHANGES_PATH}`);
}

const firstSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

/** After the last exchange: the summary, the fixtures seen, the report; the exit code. */
async function finish(proxy: RunningProxy, values: ProxyValues, settings: ProxySettings, startedAt: Date): Promise<number> {
  const { upstreams } = settings;
  const report = trafficReport({ target: Object.values(upstreams).join(', '), startedAt, vendors: Object.keys(upstreams), exchanges: proxy.exchanges });
  console.log(proxy.redact(summary(report)));
  if (values.record) {
    const file = path.join(values.record, 'fixtures.json');
    await writeFile(file, `${proxy.redact(JSON.stringify(fixturesSeen(proxy.recordings), null, 2))}\n`);
    console.log(`recorded ${proxy.recordings.length} exchange(s) in ${values.record}; entities seen: ${file}`);
  }
  if (values.report) {
    await writeReport(report, settings.reporter, values.report, proxy.redact);
    console.log(`report written to ${values.report}`);
  }
  return report.ok ? 0 : 1;
}
