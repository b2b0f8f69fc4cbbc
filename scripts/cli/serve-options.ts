/**
 * The options of `cardmock serve`: the help text, parsing, and the checks that turn bad usage into
 * one clear line, the help and exit code 2 before anything listens.
 */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../../mocks/core/session/session-limits.ts';
import { STATE_BYTES_PER_STORED_BYTE } from '../../mocks/core/session/session-pool.ts';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../../mocks/adapters/node-http.ts';
import { VENDOR_NAME } from '../../mocks/core/vendor.ts';
import { MODULE_LOAD_TIMEOUT_MS } from './serve-vendor-modules.ts';

const MB = 1024 * 1024;
const VENDOR_NAME_HELP = VENDOR_NAME.source;
import { isUsageError, parseOptions, type OptionValues, type UsageError } from './cli-usage.ts';

export const HELP = `Usage: cardmock serve [options]

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
  --max-sessions <n>      Sessions kept; the least recently used is evicted beyond [${DEFAULT_SESSION_LIMITS.maxSessions}]
  --session-ttl <ms>      A session idle this long is dropped [${DEFAULT_SESSION_LIMITS.idleTtlMs}]
  --max-memory <MB>       Memory the state of all sessions may take together, estimated at
                          ${STATE_BYTES_PER_STORED_BYTE} bytes per byte of request body stored; beyond, the least recently
                          used sessions are evicted (GET /__cardmock/sessions counts them) [${DEFAULT_SESSION_LIMITS.maxMemoryBytes / MB}]
  --max-entities <n>      Entities per vendor in one session [${DEFAULT_SESSION_LIMITS.maxEntities}]
  --max-stored-bytes <n>  Bytes (UTF-8) of request bodies one session may store, within --max-memory
                          [${DEFAULT_SESSION_LIMITS.maxStoredBytes}]
  --headers-timeout <ms>  Time for a request's headers [${DEFAULT_SERVER_LIMITS.headersTimeoutMs}]
  --request-timeout <ms>  Time for a whole request, body included; also how long a streamed
                          answer (a vendor's state) waits for its reader to take the next piece [${DEFAULT_SERVER_LIMITS.requestTimeoutMs}]
  --keep-alive-timeout <ms> Idle keep-alive connections are closed after [${DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs}]
  --max-connections <n>   Connections at once; more are closed at once [${DEFAULT_SERVER_LIMITS.maxConnections}]

  --stateless         Run Prism's mock server per vendor instead, in this process (documented
                      examples, Prefer headers); vendor i listens on --port + i
  --validate          Also run Prism's proxy (--errors) per vendor in front of the server, on
                      --proxy-port + i, logging every contract violation Prism reports
  --proxy-port <n>    First proxy port with --validate (default --port + 10; 0: free ports)
  --vendor-module <f> Serve your own vendor module too (a file whose default export is a VendorModule
                      named like ${VENDOR_NAME_HELP}; repeatable; it must load within
                      ${MODULE_LOAD_TIMEOUT_MS / 1000} s; see docs/project.md, "A vendor of your own")
  --replay <dir>      Answer requests recorded by \`cardmock proxy --record <dir>\` with their recorded
                      responses (byte-equal); anything else falls through to the stateful mock.
                      Every recording is checked at start (status, headers, body sizes); a bad
                      one, a link or anything but a regular file stops the start with its reason
`;

/** Limit flags and the setting each one sets. */
type NumericLimit = Exclude<keyof (SessionLimits & ServerLimits), 'idleClock'>;
const LIMIT_FLAGS: Record<string, NumericLimit> = {
  'max-sessions': 'maxSessions',
  'session-ttl': 'idleTtlMs',
  'max-memory': 'maxMemoryBytes',
  'max-entities': 'maxEntities',
  'max-stored-bytes': 'maxStoredBytes',
  'headers-timeout': 'headersTimeoutMs',
  'request-timeout': 'requestTimeoutMs',
  'keep-alive-timeout': 'keepAliveTimeoutMs',
  'max-connections': 'maxConnections',
};

const OPTIONS = {
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
} satisfies ParseArgsConfig['options'];

export type ServeValues = OptionValues<typeof OPTIONS>;

/** What the checked options mean for the server. */
export interface ServeSettings {
  port: number;
  host: string;
  asyncDelayMs: number;
  /** The session limits given on the command line (the others keep their defaults). */
  sessionLimits: Partial<SessionLimits>;
  serverLimits: Partial<ServerLimits>;
}

/** `--async-delay -5`: parseArgs would read -5 as a flag; keep it a value so the range check names it. */
const negativeNumbersAsValues = (argv: string[]) =>
  argv.flatMap((arg, i) => (/^-\d/.test(arg) && argv[i - 1]?.startsWith('--') ? [] : /^-\d/.test(argv[i + 1] ?? '') && arg.startsWith('--') ? [`${arg}=${argv[i + 1]}`] : [arg]));

export const parseServeArgs = (argv: string[]): ServeValues | UsageError => parseOptions(negativeNumbersAsValues(argv), OPTIONS);

/** The settings, or the first bad option in the order the checks always ran. */
export function settingsOf(values: ServeValues): ServeSettings | UsageError {
  const port = Number(values.port);
  const asyncDelayMs = Number(values['async-delay']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return bad(`--port must be 0–65535, not "${values.port}"`);
  if (!Number.isInteger(asyncDelayMs) || asyncDelayMs < 0) return bad(`--async-delay must be a whole number of milliseconds ≥ 0, not "${values['async-delay']}"`);
  const limits = limitsOf(values);
  if (isUsageError(limits)) return limits;
  if (values.stateless && values.validate) return bad('choose --stateless or --validate, not both');
  return { port, host: values.host, asyncDelayMs, ...limits };
}

const bad = (usage: string): UsageError => ({ usage, withHelp: true });

function limitsOf(values: ServeValues): Pick<ServeSettings, 'sessionLimits' | 'serverLimits'> | UsageError {
  const limits: Partial<Record<NumericLimit, number>> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const text = (values as Record<string, unknown>)[flag];
    if (text === undefined) continue;
    if (typeof text !== 'string' || !/^[0-9]{1,15}$/.test(text)) return bad(`--${flag} must be a whole number, not "${String(text)}"`);
    limits[key] = Number(text) * (key === 'maxMemoryBytes' ? MB : 1);
  }
  const { maxSessions, idleTtlMs, maxMemoryBytes, maxEntities, maxStoredBytes, ...serverLimits } = limits;
  const sessionLimits = Object.fromEntries(Object.entries({ maxSessions, idleTtlMs, maxMemoryBytes, maxEntities, maxStoredBytes }).filter(([, v]) => v !== undefined));
  return { sessionLimits, serverLimits };
}
