/**
 * The options of `cardmock proxy`: the help text, parsing, and the checks that turn bad usage into
 * one line, the help and exit code 2 before anything listens.
 */
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { vendorNames } from '../conformance/lib/spec-index.ts';
import { isUsageError, parseOptions, type OptionValues, type UsageError } from './cli-usage.ts';
import { isReporterKind, type ReporterKind } from './write-report.ts';

export const HELP = `Usage: cardmock proxy --vendor <name|all> --upstream <url> [options]

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

const OPTIONS = {
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
} satisfies ParseArgsConfig['options'];

export type ProxyValues = OptionValues<typeof OPTIONS>;

/** What the checked options mean for the proxy. */
export interface ProxySettings {
  /** Vendor → upstream base URL. */
  upstreams: Record<string, string>;
  port: number;
  timeoutMs: number;
  reporter: ReporterKind;
  /** Sent upstream instead of the client's; absent with --auth-from-client. */
  authorization: string | undefined;
}

export const parseProxyArgs = (argv: string[]): ProxyValues | UsageError => parseOptions(argv, OPTIONS);

/** The settings, or the first bad option. */
export async function settingsOf(values: ProxyValues): Promise<ProxySettings | UsageError> {
  const read = await upstreamsOf(values);
  if (isUsageError(read)) return read;
  const { upstreams } = read;
  const bad = badUpstream(upstreams);
  if (bad) return bad;
  const port = Number(values.port);
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage('--port must be 0–65535');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) return usage('--timeout must be a positive integer');
  if (!isReporterKind(values.reporter)) return usage('--reporter must be junit, json or markdown');
  const authorization = values.auth ?? process.env.CARDMOCK_AUTH;
  const credentials = credentialsProblem(authorization, values['auth-from-client']);
  if (credentials) return credentials;
  return { upstreams, port, timeoutMs, reporter: values.reporter, authorization };
}

const usage = (message: string): UsageError => ({ usage: message, withHelp: true });

/** One vendor with --upstream, or every vendor of --upstream-map with --vendor all. */
async function upstreamsOf(values: ProxyValues): Promise<{ upstreams: Record<string, string> } | UsageError> {
  if (values.vendor === 'all') {
    if (!values['upstream-map']) return usage('--vendor all needs --upstream-map <file.json>');
    try {
      return { upstreams: JSON.parse(await readFile(values['upstream-map'], 'utf8')) };
    } catch (error) {
      return usage(`cannot read ${values['upstream-map']}: ${(error as Error).message}`);
    }
  }
  if (values.vendor && vendorNames().includes(values.vendor)) {
    if (!values.upstream) return usage('--upstream <url> is required');
    return { upstreams: { [values.vendor]: values.upstream } };
  }
  return usage(`--vendor must be one of ${vendorNames().join(', ')} or all`);
}

function badUpstream(upstreams: Record<string, string>): UsageError | undefined {
  for (const [vendor, url] of Object.entries(upstreams)) {
    if (!vendorNames().includes(vendor)) return usage(`unknown vendor "${vendor}" in the upstream map`);
    if (!/^https?:\/\//.test(String(url)) || !URL.canParse(url)) return usage(`upstream of ${vendor} is not an http(s) URL: ${url}`);
  }
  return undefined;
}

/** The proxy needs sandbox credentials from exactly one place. */
function credentialsProblem(authorization: string | undefined, fromClient: boolean): UsageError | undefined {
  if (!authorization && !fromClient) return usage('give the sandbox credentials with --auth (or CARDMOCK_AUTH), or forward the client\'s with --auth-from-client');
  if (authorization && fromClient) return usage('choose --auth or --auth-from-client, not both');
  return undefined;
}
