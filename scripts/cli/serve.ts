/**
 * `cardmock serve`: the stateful server (default), `--stateless` (Prism mocks from the examples) or
 * `--validate` (Prism proxies with `--errors` in front of the stateful server); Prism's servers run
 * in this process.
 */
import { createEngine, type Engine } from '../../mocks/core/engine.ts';
import type { VendorModule } from '../../mocks/core/vendor.ts';
import { startServer, type RunningServer } from '../../mocks/adapters/node-http.ts';
import type { RecordedExchange } from '../../mocks/replay/recording.ts';
import { isUsageError, readCommandLine, usageExit, type UsageError } from './cli-usage.ts';
import { seedEngine } from './seed-engine.ts';
import { loadVendorModules } from './serve-vendor-modules.ts';
import { HELP, parseServeArgs, settingsOf, type ServeSettings, type ServeValues } from './serve-options.ts';
import { startStateless, startValidation, type Failed } from './serve-prism.ts';

const fail = (error: UsageError) => usageExit('serve', error, HELP);
const failed = (value: object): value is Failed => 'exitCode' in value;

export async function serveCommand(argv: string[]): Promise<number> {
  const line = await readCommandLine('serve', HELP, () => parseServeArgs(argv), settingsOf);
  if (typeof line === 'number') return line;
  const { values, settings } = line;
  const modules = await loadVendorModules(values['vendor-module'] ?? []);
  if (isUsageError(modules)) return fail(modules);
  if (!values.stateless) return serveStateful(values, settings, modules);

  const prisms = await startStateless(modules.map((v) => v.name), settings.host, settings.port);
  if (failed(prisms)) return prisms.exitCode;
  await untilSignal(() => prisms.stop());
  return 0;
}

/** The stateful server, seeded and replaying when asked, with Prism's proxies in front of it with --validate. */
async function serveStateful(values: ServeValues, settings: ServeSettings, modules: VendorModule[]): Promise<number> {
  const engine = createEngine({ vendors: modules, settings: { asyncDelayMs: settings.asyncDelayMs }, limits: settings.sessionLimits });
  if (values.seed) {
    const problem = await seedEngine(engine, values.seed);
    if (problem) return usageExit('serve --seed', { usage: problem }, HELP);
  }
  const recordings = values.replay ? await readRecordings(values.replay, engine.vendors.map((v) => v.name)) : undefined;
  if (recordings === false) return 1;
  const running = await listen(engine, values, settings, recordings);
  if (failed(running)) return running.exitCode;
  if (recordings) console.log(`replaying ${recordings.length} recorded exchange(s) from ${values.replay}`);
  printBanner(engine, running, values);
  if (!values.validate) {
    await untilSignal(() => running.close());
    return 0;
  }
  const proxyPort = values['proxy-port'] !== undefined ? Number(values['proxy-port']) : settings.port === 0 ? 0 : settings.port + 10;
  const prisms = await startValidation(modules.map((v) => v.name), running.url, settings.host, proxyPort);
  if (failed(prisms)) {
    await running.close();
    return prisms.exitCode;
  }
  await untilSignal(async () => {
    await prisms.stop();
    await running.close();
  });
  return 0;
}

const controlTokenOf = (values: ServeValues) => values['control-token'] ?? process.env.CARDMOCK_CONTROL_TOKEN;

async function listen(engine: Engine, values: ServeValues, settings: ServeSettings, replay: RecordedExchange[] | undefined): Promise<RunningServer | Failed> {
  const controlToken = controlTokenOf(values);
  try {
    return await startServer({
      engine,
      port: settings.port,
      host: settings.host,
      ...(controlToken ? { controlToken } : {}),
      ...(values['no-control'] ? { control: false } : {}),
      allowHosts: values['allow-host'] ?? [],
      ...(replay ? { replay } : {}),
      ...settings.serverLimits,
      // The dashboard polls the control API every second: its reads are logged only with --verbose.
      ...(values.quiet ? {} : { log: (line: string) => (values.verbose || !/^GET \/__cardmock\//.test(line) ? console.log(line) : undefined) }),
    });
  } catch (error) {
    return { exitCode: listenFailure(error, settings) };
  }
}

/** The exit code of a server that could not listen, its reason printed; anything unforeseen is thrown on. */
function listenFailure(error: unknown, { host, port }: ServeSettings): number {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(`cardmock serve: port ${port} on ${host} is already in use. Stop the other process or pick another port with --port.`);
    return 1;
  }
  if (code === 'CONTROL_TOKEN_REQUIRED') return usageExit('serve', { usage: (error as Error).message }, HELP);
  if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
    console.error(`cardmock serve: cannot listen on ${host}:${port} (${code}).`);
    return 1;
  }
  throw error;
}

/** `--replay <dir>`: every recording read and checked, or false (the problems printed) when one is not. */
async function readRecordings(dir: string, vendors: string[]): Promise<RecordedExchange[] | false> {
  const { loadRecordings } = await import('../../mocks/replay/load-recordings.ts');
  const loaded = await loadRecordings(dir, vendors);
  if (loaded.ok) return loaded.recordings;
  console.error(`cardmock serve: cannot replay ${dir}:`);
  for (const problem of loaded.problems.slice(0, 20)) console.error(`  ${problem}`);
  if (loaded.problems.length > 20) console.error(`  … and ${loaded.problems.length - 20} more`);
  return false;
}

function printBanner(engine: Engine, running: RunningServer, values: ServeValues): void {
  console.log(`cardmock listening on ${running.url}`);
  for (const v of engine.vendors) console.log(`  ${v.name.padEnd(20)} ${running.url}/${v.name}`);
  if (values['no-control']) {
    console.log('  no control API (--no-control): one shared state, x-cardmock-* headers ignored');
  } else {
    console.log(`  ${'control API'.padEnd(20)} ${running.url}/__cardmock`);
    console.log(`  ${'dashboard'.padEnd(20)} ${running.url}/__cardmock/${controlTokenOf(values) ? '?token=<your --control-token>' : ''}`);
  }
}

function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      console.log(`cardmock: ${signal}, finishing requests in flight and stopping (again to stop now)`);
      // Pending delays end at once and the grace period is bounded; a second signal does not wait at all.
      process.once(signal, () => process.exit(1));
      stop().then(resolve);
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}
