/**
 * The options of `cardmock proxy`: the help text, parsing, and the checks that turn bad usage into
 * one line, the help and exit code 2 before anything listens.
 */
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { vendorNames } from '../../conformance/lib/spec-index.ts';
import { isUsageError, parseOptions, type OptionValues, type UsageError } from './cli-usage.ts';
import { isReporterKind, type ReporterKind } from './write-report.ts';
import { PROXY_DEFAULTS } from './proxy-server.ts';

const { maxKeptBytes, maxExchanges, graceMs, timeoutMs: defaultTimeout } = PROXY_DEFAULTS;

export const HELP = `Usage: cardmock proxy --vendor <name|all> --upstream <url> [options]

  --vendor <v|all>         ${vendorNames().join(', ')}, or all (then --upstream-map)
  --upstream <url>         The vendor's base URL (its sandbox); the proxy serves it at its root
  --upstream-map <file>    With --vendor all: {"paysafe": "https://…", …}; each vendor is served
                           under /<vendor>, the prefixes of \`cardmock serve\`
  --port <n>               Port to listen on (default 4030; 0 picks a free one)
  --host <addr>            Interface to bind (default 127.0.0.1)
  --auth <value>           Authorization sent upstream instead of the client's (or env CARDMOCK_AUTH)
  --auth-from-client       Forward the client's Authorization header as is
  --timeout <ms>           Time for a whole exchange: the request, the answer's headers and its body
                           (default ${defaultTimeout}); then 504, or the answer is cut, and the exchange is
                           recorded as timed out
  --allow-origin <origin>  A page origin that may send requests through the proxy, e.g.
                           http://localhost:5173 (repeatable); requests from pages of any other
                           origin, and cross-site ones, get 403 and nothing is forwarded
  --allow-host <name>      A host name the proxy answers besides loopback names and IP literals
                           (repeatable); other Host headers get 403 (DNS rebinding)
  --record <dir>           Store every exchange (credentials removed) for \`cardmock serve --replay <dir>\`,
                           and the entities seen as control-API fixtures in <dir>/fixtures.json
  --report <file>          Write a report on exit (and on SIGTERM)
  --reporter <kind>        junit | json | markdown (default junit)
  --quiet                  Only violations, no line per exchange

Bodies: the first ${maxKeptBytes / 1024} KB of each is kept to judge and record (a longer one is judged on
status and headers, marked truncated, not recorded); the client always gets all of it. The newest
${maxExchanges} exchanges are kept for GET /__cardmock/exchanges and the report; the matrix counts them all.
On SIGTERM or Ctrl-C: no new requests, ${graceMs / 1000} s for exchanges in flight, then the rest are cut, the
report is written and the proxy exits.

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
  timeout: { type: 'string', default: String(defaultTimeout) },
  'allow-origin': { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
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
  allowOrigins: string[];
  allowHosts: string[];
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
  if (!/^[1-9]\d{0,8}$/.test(values.timeout)) return usage('--timeout must be a positive whole number of milliseconds');
  if (!isReporterKind(values.reporter)) return usage('--reporter must be junit, json or markdown');
  const authorization = values.auth ?? process.env.CARDMOCK_AUTH;
  const credentials = credentialsProblem(authorization, values['auth-from-client']);
  if (credentials) return credentials;
  const allowOrigins = values['allow-origin'] ?? [];
  const badOrigin = allowOrigins.find((o) => !URL.canParse(o) || new URL(o).origin !== o.replace(/\/$/, '') || !/^https?:$/.test(new URL(o).protocol));
  if (badOrigin !== undefined) return usage(`--allow-origin takes an origin such as http://localhost:5173, not "${badOrigin}"`);
  return { upstreams, port, timeoutMs, reporter: values.reporter, authorization, allowOrigins, allowHosts: values['allow-host'] ?? [] };
}

const usage = (message: string): UsageError => ({ usage: message, withHelp: true });

/** One vendor with --upstream, or every vendor of --upstream-map with --vendor all. */
async function upstreamsOf(values: ProxyValues): Promise<{ upstreams: Record<string, string> } | UsageError> {
  if (values.vendor === 'all') {
    if (!values['upstream-map']) return usage('--vendor all needs --upstream-map <file.json>');
    try {
      const upstreams: unknown = JSON.parse(await readFile(values['upstream-map'], 'utf8'));
      if (typeof upstreams !== 'object' || upstreams === null || Array.isArray(upstreams)) return usage(`${values['upstream-map']} must hold an object: {"paysafe": "https://…"}`);
      return { upstreams: upstreams as Record<string, string> };
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
    if (!vendorNames().includes(vendor)) return usage(`unknown vendor ${JSON.stringify(vendor)} in the upstream map`);
    if (typeof url !== 'string') return usage(`upstream of ${vendor} is not a URL string`);
    if (!/^https?:\/\//.test(String(url)) || !URL.canParse(url)) return usage(`upstream of ${vendor} is not an http(s) URL: ${url}`);
  }
  return undefined;
}

/** The proxy needs sandbox credentials from exactly one place, as a value a header can carry. */
function credentialsProblem(authorization: string | undefined, fromClient: boolean): UsageError | undefined {
  if (!authorization && !fromClient) return usage('give the sandbox credentials with --auth (or CARDMOCK_AUTH), or forward the client\'s with --auth-from-client');
  if (authorization && fromClient) return usage('choose --auth or --auth-from-client, not both');
  if (authorization && !/^[\t\x20-\x7e\x80-\xff]+$/.test(authorization)) return usage('--auth holds characters a header cannot carry (line breaks, control characters)');
  return undefined;
}
