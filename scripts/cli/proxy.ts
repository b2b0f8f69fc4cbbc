/**
 * `cardmock proxy`: put cardmock between your integration tests and a vendor sandbox. Every
 * exchange is forwarded unchanged, judged against the spec, printed as one line (violations in full
 * with a redacted curl line), optionally recorded for `serve --replay`; on exit (Ctrl-C, SIGTERM) the
 * report and the coverage matrix of the documented pairs the traffic met are written.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatFailure, summary } from '../../conformance/lib/reporters/terminal.ts';
import { exchangeLine } from '../../conformance/lib/traffic-report.ts';
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
  const stop = await firstStop();
  console.log(`cardmock proxy: ${stop.why}, finishing exchanges in flight (then cut; again to stop now)`);
  await proxy.close();
  const code = await finish(proxy, values, settings, startedAt);
  return stop.failed ? 1 : code;
}

function start(values: ProxyValues, settings: ProxySettings): Promise<RunningProxy | NodeJS.ErrnoException> {
  const { upstreams, port, authorization, timeoutMs, allowOrigins, allowHosts } = settings;
  return startProxy({
    upstreams,
    port,
    host: values.host,
    ...(authorization ? { authorization } : {}),
    timeoutMs,
    allowOrigins,
    allowHosts,
    ...(values.record ? { recordDir: values.record } : {}),
    onExchange: (exchange) => {
      if (!values.quiet || exchange.verdict === 'violation') console.log(exchangeLine(exchange));
      for (const f of [...exchange.errors, ...exchange.requestProblems]) console.log(`  ${formatFailure(f)}`);
    },
  }).catch((error: NodeJS.ErrnoException) => error);
}

function printBanner(proxy: RunningProxy, upstreams: Record<string, string>): void {
  console.log(`cardmock proxy listening on ${proxy.url}`);
  for (const [vendor, url] of Object.entries(upstreams)) console.log(`  ${(Object.keys(upstreams).length === 1 ? '/' : `/${vendor}`).padEnd(22)} → ${url} (${vendor})`);
  console.log(`  exchanges: ${proxy.url}${EXCHANGES_PATH}`);
}

/**
 * SIGINT, SIGTERM, or an error nothing caught (then the report is still written, and the exit
 * code is 1). A second signal stops at once.
 */
const firstStop = () =>
  new Promise<{ why: string; failed?: boolean }>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once(signal, () => process.exit(1));
      resolve({ why: signal });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('uncaughtException', (error) => {
      console.error(`cardmock proxy: internal error: ${error.message}`);
      resolve({ why: 'internal error', failed: true });
    });
  });

/** After the last exchange: the summary, the fixtures seen, the report; the exit code. */
async function finish(proxy: RunningProxy, values: ProxyValues, settings: ProxySettings, startedAt: Date): Promise<number> {
  const { upstreams } = settings;
  const report = proxy.log.report(Object.values(upstreams).join(', '), startedAt, Object.keys(upstreams));
  console.log(summary(report));
  if (proxy.log.seen > proxy.log.exchanges.length) console.log(`${proxy.log.seen} exchanges seen; the newest ${proxy.log.exchanges.length} are listed, the matrix counts them all`);
  if (values.record) {
    const file = path.join(values.record, 'fixtures.json');
    await writeFile(file, `${JSON.stringify(proxy.fixtures(), null, 2)}\n`);
    console.log(`recorded ${proxy.recorded()} exchange(s) in ${values.record}; entities seen: ${file}`);
  }
  if (values.report) {
    await writeReport(report, settings.reporter, values.report);
    console.log(`report written to ${values.report}`);
  }
  return report.ok ? 0 : 1;
}
