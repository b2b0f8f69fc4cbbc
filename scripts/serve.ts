/**
 * `cardmock serve`: the stateful server (default), `--stateless` (Prism mocks from the examples) or
 * `--validate` (Prism proxies with `--errors` in front of the stateful server).
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { createEngine, type Engine } from '../mocks/core/engine.ts';
import type { SessionLimits } from '../mocks/core/session-limits.ts';
import { CONTROL_PREFIX, createControlApi } from '../mocks/control/control-api.ts';
import { startServer, type RunningServer, type ServerLimits } from '../mocks/adapters/node-http.ts';
import type { PrismGroup } from '../mocks/prism/per-vendor.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import type { VendorModule } from '../mocks/core/vendor.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const HELP = `Usage: cardmock serve [options]

  --port <n>          Port to listen on (default 4010; 0 picks a free one)
  --host <addr>       Interface to bind (default 127.0.0.1; any other needs --control-token)
  --control-token <t> Secret every control API call must send in x-cardmock-control-token
                      (or env CARDMOCK_CONTROL_TOKEN); dashboard: /__cardmock/?token=<t>
  --allow-host <name> A host name the control API and dashboard answer besides loopback names and
                      IP literals (repeatable); other Host headers get 403 (DNS rebinding)
  --async-delay <ms>  How long asynchronous vendor operations take (Pismo bind; default 1000)
  --quiet             No per-request log lines
  --verbose           Also log the control API reads (the dashboard polls them every second)
  --no-control        Stand in for a vendor sandbox: no control API or dashboard, x-cardmock-*
                      headers ignored, one shared state for every client
  --seed <file.json>  Entities to add at start, per vendor, as POST /__cardmock/<vendor>/fixtures
                      takes them: {"paysafe": {"cards": [...]}, ...}

Limits (whole numbers; defaults in brackets):
  --max-sessions <n>      Sessions kept; the least recently used is evicted beyond [1000]
  --session-ttl <ms>      A session idle this long is dropped [3600000]
  --max-entities <n>      Entities per vendor in one session [500000]
  --max-stored-bytes <n>  Bytes of request bodies one session may store [134217728]
  --headers-timeout <ms>  Time for a request's headers [10000]
  --request-timeout <ms>  Time for a whole request, body included [30000]
  --keep-alive-timeout <ms> Idle keep-alive connections are closed after [5000]
  --max-connections <n>   Connections at once; more are closed at once [1000]

  --stateless         Run \`prism mock\` per vendor instead (documented examples, Prefer headers);
                      vendor i listens on --port + i
  --validate          Also run \`prism proxy --errors\` per vendor in front of the server, on
                      --proxy-port + i, logging every contract violation Prism reports
  --proxy-port <n>    First proxy port with --validate (default --port + 10; 0: free ports)
  --vendor-module <f> Serve your own vendor module too (a file whose default export is a VendorModule;
                      repeatable; see CONTRIBUTING.md, "Adding a vendor")
  --replay <dir>      Answer requests recorded by \`cardmock proxy --record <dir>\` with their recorded
                      responses (byte-equal); anything else falls through to the stateful mock
`;

/** Limit flags and the setting each one sets. */
type NumericLimit = Exclude<keyof (SessionLimits & ServerLimits), 'idleClock'>;
const LIMIT_FLAGS: Record<string, NumericLimit> = {
  'max-sessions': 'maxSessions',
  'session-ttl': 'idleTtlMs',
  'max-entities': 'maxEntities',
  'max-stored-bytes': 'maxStoredBytes',
  'headers-timeout': 'headersTimeoutMs',
  'request-timeout': 'requestTimeoutMs',
  'keep-alive-timeout': 'keepAliveTimeoutMs',
  'max-connections': 'maxConnections',
};

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
        'allow-host': { type: 'string', multiple: true },
        'async-delay': { type: 'string', default: '1000' },
        ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
        quiet: { type: 'boolean', default: false },
        'no-control': { type: 'boolean', default: false },
        seed: { type: 'string' },
        stateless: { type: 'boolean', default: false },
        validate: { type: 'boolean', default: false },
        'proxy-port': { type: 'string' },
        replay: { type: 'string' },
        'vendor-module': { type: 'string', multiple: true },
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
  const limits: Partial<Record<NumericLimit, number>> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const text = (values as Record<string, unknown>)[flag];
    if (text === undefined) continue;
    if (typeof text !== 'string' || !/^[0-9]{1,15}$/.test(text)) return usageError(`--${flag} must be a whole number, not "${String(text)}"`);
    limits[key] = Number(text);
  }
  if (values.stateless && values.validate) return usageError('choose --stateless or --validate, not both');
  const modules = await loadVendorModules(values['vendor-module'] ?? []);
  if (typeof modules === 'string') return usageError(modules);
  const vendors = modules.map((v) => v.name);
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

  const { maxSessions, idleTtlMs, maxEntities, maxStoredBytes, ...serverLimits } = limits;
  const sessionLimits = { maxSessions, idleTtlMs, maxEntities, maxStoredBytes };
  const engine = createEngine({
    vendors: modules,
    settings: { asyncDelayMs },
    limits: Object.fromEntries(Object.entries(sessionLimits).filter(([, v]) => v !== undefined)),
  });
  if (values.seed) {
    const problem = await seedEngine(engine, values.seed);
    if (problem) {
      console.error(`cardmock serve --seed: ${problem}`);
      return 2;
    }
  }
  const controlToken = values['control-token'] ?? process.env.CARDMOCK_CONTROL_TOKEN;
  try {
    running = await startServer({
      engine,
      port,
      host,
      ...(controlToken ? { controlToken } : {}),
      ...(values['no-control'] ? { control: false } : {}),
      allowHosts: values['allow-host'] ?? [],
      ...serverLimits,
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
  if (values.replay) {
    const { installReplay } = await import('../mocks/replay/replay-listener.ts');
    const { readRecordings } = await import('../mocks/replay/recording.ts');
    const recordings = await readRecordings(values.replay).catch((error: Error) => error);
    if (recordings instanceof Error) {
      console.error(`cardmock serve: cannot read recordings in ${values.replay}: ${recordings.message}`);
      await stopAll();
      return 1;
    }
    installReplay(running.server, recordings);
    console.log(`replaying ${recordings.length} recorded exchange(s) from ${values.replay}`);
  }
  console.log(`cardmock listening on ${running.url}`);
  for (const v of engine.vendors) console.log(`  ${v.name.padEnd(20)} ${running.url}/${v.name}`);
  if (values['no-control']) {
    console.log('  no control API (--no-control): one shared state, x-cardmock-* headers ignored');
  } else {
    console.log(`  ${'control API'.padEnd(20)} ${running.url}/__cardmock`);
    console.log(`  ${'dashboard'.padEnd(20)} ${running.url}/__cardmock/${controlToken ? '?token=<your --control-token>' : ''}`);
  }

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

/** cardmock's vendors, then each module file's default (or `vendor`) export: a VendorModule. */
async function loadVendorModules(files: string[]): Promise<VendorModule[] | string> {
  const modules = [...allVendors];
  for (const file of files) {
    try {
      const loaded = (await import(pathToFileURL(path.resolve(file)).href)) as { default?: VendorModule; vendor?: VendorModule };
      const module = loaded.default ?? loaded.vendor;
      if (!module?.name || !module.document || !module.operations) return `--vendor-module ${file}: exports no vendor module (a default export with name, document, operations…)`;
      if (modules.some((m) => m.name === module.name)) return `--vendor-module ${file}: a vendor named ${module.name} is served already`;
      modules.push(module);
    } catch (error) {
      return `--vendor-module ${file}: ${(error as Error).message}`;
    }
  }
  return modules;
}

/** Add each vendor's entities from a file to the default session, validated as the control API validates them. */
async function seedEngine(engine: Engine, file: string): Promise<string | undefined> {
  let seed: Record<string, unknown>;
  try {
    seed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return `cannot read ${file}: ${(error as Error).message}`;
  }
  const control = createControlApi(engine);
  for (const [vendor, body] of Object.entries(seed)) {
    const response = control.handle({ method: 'POST', path: `${CONTROL_PREFIX}/${vendor}/fixtures`, query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 200) return `${vendor}: ${response.status} ${JSON.stringify(response.body)}`;
  }
  return undefined;
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
