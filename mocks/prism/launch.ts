/**
 * Runs Prism's own HTTP server (`prism mock` or `prism proxy`) inside this process, configured as
 * the Prism CLI configures it, on a port it picks; `listen` resolving is the readiness signal.
 * Violations reach us as the validator's log calls, not as printed text.
 * @see https://github.com/stoplightio/prism/blob/master/packages/cli/src/util/createServer.ts
 */
import { createLogger, createServer, getHttpOperationsFromSpec } from './prism-library.ts';
import { trackRunning } from './running.ts';

/** One finding of Prism's validator, as its server logs it. */
export interface LoggedViolation {
  /** error, warning or information. */
  severity: string;
  /** e.g. `Violation: response Unable to match the returned status code with those defined in the document: 202,400`. */
  message: string;
}

export interface PrismOptions {
  mode: 'mock' | 'proxy';
  /** Path of the OpenAPI file. */
  spec: string;
  /** For `proxy`: the upstream base URL (e.g. `http://127.0.0.1:4010/paysafe`). */
  upstream?: string;
  host?: string;
  /** 0 (default) lets the system pick a free port. */
  port?: number;
  /** `--errors`: Prism answers its own error instead of an exchange with error-severity violations. */
  errors?: boolean;
  /** Each violation Prism's validator reports (what `prism proxy` prints as `Violation: …`). */
  onViolation?: (violation: LoggedViolation) => void;
}

export interface RunningPrism {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** pino's numeric levels, as Prism's server logs a violation by its severity. */
const SEVERITY_OF_LEVEL: Record<number, string> = { 50: 'error', 40: 'warning', 30: 'information' };

/**
 * Prism logs through pino. Nothing is written: the hook hands the validator's messages to
 * `onViolation` and drops everything else (Prism's per-request lines cost time and say nothing new).
 */
function prismLogger(onViolation: PrismOptions['onViolation']) {
  const discard = { write: () => undefined };
  if (!onViolation) return createLogger('cardmock', { level: 'silent' }, discard);
  const logMethod = (args: unknown[], _write: unknown, level: number) => {
    const [context, message] = args as [{ name?: string } | undefined, unknown];
    if (context?.name === 'VALIDATOR' && typeof message === 'string') onViolation({ severity: SEVERITY_OF_LEVEL[level] ?? 'hint', message });
  };
  return createLogger('cardmock', { level: 'info', hooks: { logMethod } }, discard);
}

export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  if (options.mode === 'proxy' && !options.upstream) throw new Error('prism proxy needs an upstream URL');
  const operations = await getHttpOperationsFromSpec(options.spec);
  if (operations.length === 0) throw new Error(`no operations found in ${options.spec}`);
  // The settings `prism mock` and `prism proxy` run with by default (createServer.ts, sharedOptions.ts).
  // The CLI also applies a spec's `x-json-schema-faker` settings: they only matter for `--dynamic`,
  // which cardmock does not use, and they are global to the process, shared by all five servers.
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const config = options.mode === 'proxy' ? { ...shared, isProxy: true as const, upstream: new URL(options.upstream!) } : { ...shared, isProxy: false as const };
  const logger = prismLogger(options.onViolation);
  const server = createServer(operations, { cors: true, config, components: { logger: logger.child({ name: 'HTTP SERVER' }) } });
  // Prism's listen rejects with the error's message only.
  const address = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1').catch((message: unknown) => {
    throw new Error(`prism ${options.mode} ${options.spec}: ${String(message)}`);
  });
  const url = new URL(address);
  let stopped: Promise<void> | undefined;
  const running: RunningPrism = { url: url.origin, port: Number(url.port), stop: () => (stopped ??= server.close().finally(untrack)) };
  const untrack = trackRunning(running);
  return running;
}
