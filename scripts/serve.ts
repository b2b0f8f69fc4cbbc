/**
 * `cardmock serve [--port 4010] [--host 127.0.0.1] [--async-delay 1000] [--quiet]`
 */
import { parseArgs } from 'node:util';
import { createEngine } from '../mocks/core/engine.ts';
import { startServer } from '../mocks/adapters/node-http.ts';
import { allVendors } from '../mocks/vendors/index.ts';

const HELP = `Usage: cardmock serve [options]

  --port <n>          Port to listen on (default 4010; 0 picks a free one)
  --host <addr>       Interface to bind (default 127.0.0.1)
  --async-delay <ms>  How long asynchronous vendor operations take (Pismo bind; default 1000)
  --quiet             No per-request log lines
`;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'async-delay': { type: 'string', default: '1000' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  const asyncDelayMs = Number(values['async-delay']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`cardmock serve: --port must be 0–65535, not "${values.port}"`);
    return 2;
  }
  if (!Number.isInteger(asyncDelayMs) || asyncDelayMs < 0) {
    console.error(`cardmock serve: --async-delay must be a whole number of milliseconds`);
    return 2;
  }
  const engine = createEngine({ vendors: allVendors, settings: { asyncDelayMs } });
  let running;
  try {
    running = await startServer({
      engine,
      port,
      host: values.host,
      ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`cardmock serve: port ${port} on ${values.host} is already in use. Stop the other process or pick another port with --port.`);
      return 1;
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

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`cardmock: ${signal}, finishing requests in flight and stopping`);
      running.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
