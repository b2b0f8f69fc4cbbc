/**
 * `cardmock serve`: the stateful server (default), `--stateless` (Prism mocks from the examples) or
 * `--validate` (Prism proxies with `--errors` in front of the stateful server).
 */
import { parseArgs } from 'node:util';
import { createEngine } from '../mocks/core/engine.ts';
import { startServer, type RunningServer } from '../mocks/adapters/node-http.ts';
import type { PrismGroup } from '../mocks/prism/per-vendor.ts';
import { allVendors } from '../mocks/vendors/index.ts';

const HELP = `Usage: cardmock serve [options]

  --port <n>          Port to listen on (default 4010; 0 picks a free one)
  --host <addr>       Interface to bind (default 127.0.0.1; any other needs --control-token)
  --control-token <t> Secret every control API call must send in x-cardmock-control-token
                      (or env CARDMOCK_CONTROL_TOKEN); dashboard: /__cardmock/?token=<t>
  --async-delay <ms>  How long asynchronous vendor operations take (Pismo bind; default 1000)
  --quiet             No per-request log lines
  --verbose           Also log the control API reads (the dashboard polls them every second)
  --stateless         Run \`prism mock\` per vendor instead (documented examples, Prefer headers);
                      vendor i listens on --port + i
  --validate          Also run \`prism proxy --errors\` per vendor in front of the server, on
                      --proxy-port + i, logging every contract violation Prism reports
  --proxy-port <n>    First proxy port with --validate (default --port + 10; 0: free ports)
`;

/** Prism is an optional peer dependency: loaded only for --stateless/--validate. */
async function loadPrism(flag: string): Promise<typeof import('../mocks/prism/per-vendor.ts') | undefined> {
  try {
    return await import('../mocks/prism/per-vendor.ts');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !/@stoplight\/prism-cli/.test((error as Error).message)) throw error;
    console.error(`cardmock serve ${flag}: needs Prism, an optional peer dependency; add it with: npm install --save-dev @stoplight/prism-cli@~5.14`);
    return undefined;
  }
}

const usageError = (message: string) => {
  console.error(`cardmock serve: ${message}\n\n${HELP}`);
  return 2;
};

export async function serveCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // `--async-delay -5`: parseArgs would read -5 as a flag; keep it a value so the range check names it.
      args: argv.flatMap((arg, i) => (/^-\d/.test(arg) && argv[i - 1]?.startsWith('--') ? [] : /^-\d/.test(argv[i + 1] ?? '') && arg.startsWith('--') ? [`${arg}=${argv[i + 1]}`] : [arg])),
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'control-token': { type: 'string' },
        'async-delay': { type: 'string', default: '1000' },
        quiet: { type: 'boolean', default: false },
        stateless: { type: 'boolean', default: false },
        validate: { type: 'boolean', default: false },
        'proxy-port': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  const asyncDelayMs = Number(values['async-delay']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port must be 0–65535, not "${values.port}"`);
  if (!Number.isInteger(asyncDelayMs) || asyncDelayMs < 0) return usageError(`--async-delay must be a whole number of milliseconds ≥ 0, not "${values['async-delay']}"`);
  if (values.stateless && values.validate) return usageError('choose --stateless or --validate, not both');
  const vendors = allVendors.map((v) => v.name);
  const host = values.host!;
  let prisms: PrismGroup | undefined;
  let running: RunningServer | undefined;
  const stopAll = async () => {
    await prisms?.stop();
    await running?.close();
  };

  if (values.stateless) {
    const prism = await loadPrism('--stateless');
    if (!prism) return 1;
    try {
      prisms = await prism.startPrismGroup({ vendors, mode: 'mock', host, port });
    } catch (error) {
      console.error(`cardmock serve --stateless: ${(error as Error).message}`);
      return 1;
    }
    console.log('cardmock --stateless: prism mock per vendor (documented examples; Prefer: code=409, or code=400, example=NAME)');
    for (const p of prisms.prisms) console.log(`  ${p.vendor.padEnd(20)} ${p.url}`);
    await untilSignal(stopAll);
    return 0;
  }

  const engine = createEngine({ vendors: allVendors, settings: { asyncDelayMs } });
  const controlToken = values['control-token'] ?? process.env.CARDMOCK_CONTROL_TOKEN;
  try {
    running = await startServer({
      engine,
      port,
      host,
      ...(controlToken ? { controlToken } : {}),
      // The dashboard polls the control API every second: its reads are logged only with --verbose.
      ...(values.quiet ? {} : { log: (line: string) => (values.verbose || !/^GET \/__cardmock\//.test(line) ? console.log(line) : undefined) }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`cardmock serve: port ${port} on ${values.host} is already in use. Stop the other process or pick another port with --port.`);
      return 1;
    }
    if (code === 'CONTROL_TOKEN_REQUIRED') {
      console.error(`cardmock serve: ${(error as Error).message}`);
      return 2;
    }
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      console.error(`cardmock serve: cannot listen on ${values.host}:${port} (${code}).`);
      return 1;
    }
    throw error;
  }
  console.log(`cardmock listening on ${running.url}`);
  for (const v of engine.vendors) console.log(`  ${v.name.padEnd(20)} ${running.url}/${v.name}`);
  console.log(`  ${'control API'.padEnd(20)} ${running.url}/__cardmock`);
  console.log(`  ${'dashboard'.padEnd(20)} ${running.url}/__cardmock/${controlToken ? '?token=<your --control-token>' : ''}`);

  if (values.validate) {
    const proxyPort = values['proxy-port'] !== undefined ? Number(values['proxy-port']) : port === 0 ? 0 : port + 10;
    const prism = await loadPrism('--validate');
    if (!prism) {
      await stopAll();
      return 1;
    }
    try {
      prisms = await prism.startPrismGroup({
        vendors,
        mode: 'proxy',
        upstream: running.url,
        host,
        port: proxyPort,
        onLine: (vendor, line) => {
          if (/violation/i.test(line)) console.log(`contract violation (${vendor}): ${line.replace(/^.*?›\s*/, '')}`);
        },
      });
    } catch (error) {
      console.error(`cardmock serve --validate: ${(error as Error).message}`);
      await stopAll();
      return 1;
    }
    console.log('validated through prism proxy --errors (send requests here):');
    for (const p of prisms.prisms) console.log(`  ${p.vendor.padEnd(20)} ${p.url}`);
  }
  await untilSignal(stopAll);
  return 0;
}

function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      console.log(`cardmock: ${signal}, finishing requests in flight and stopping`);
      stop().then(resolve);
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}
