/**
 * The options of `cardmock conform`: the help text, parsing, and the checks that turn bad usage
 * into one clear line and exit code 2 before anything is contacted.
 */
import type { ParseArgsConfig } from 'node:util';
import { scenarios } from '../../conformance/cases/index.ts';
import { selectScenarios } from '../../conformance/lib/run.ts';
import type { Scenario } from '../../conformance/lib/scenario.ts';
import { vendorNames } from '../../conformance/lib/spec-index.ts';
import { isUsageError, parseOptions, type OptionValues, type UsageError } from './cli-usage.ts';
import { isReporterKind, type ReporterKind } from './write-report.ts';

export const HELP = `Usage: cardmock conform --vendor <name|all> --base-url <url> [options]

  --vendor <v|all>        ${vendorNames().join(', ')}, or all (default all)
  --base-url <url>        With one vendor: its base URL. With all: a server root serving /<vendor>
                          (default http://127.0.0.1:4010, the server of \`npm start\`)
  --auth <value>          Authorization header value, e.g. "Bearer eyJ…" (or env CARDMOCK_AUTH).
                          Never printed or written: every report redacts it.
  --fixtures <file.json>  IDs that exist on the target, per vendor: {"paysafe": {"customerId": …}}
  --allow-mutations       Run scenarios that change data (default: only against cardmock itself)
                          A value may be a list (a pool): each scenario that uses an entity up
                          (binds a card, fills an account) takes one no other scenario gets
  --plan                  Print how many values of each fixture a run needs (with
                          --allow-mutations), then exit; contacts no server
  --only <id|status>      Only scenarios of this operationId, status or scenario id (repeatable)
  --allow-empty           Exit 0 even when no scenario could run (all skipped or not provokable)
  --concurrency <n>       Scenarios at once (default 4)
  --timeout <ms>          Per-request time-out (default 10000)
  --reporter <kind>       junit | json | markdown: also write a report (default junit when --output is given)
  --output <path>         Where to write the report
  --quiet                 No progress lines

Exit code: 0 when every scenario that ran passed and the matrix is complete; 1 when a scenario
failed, the matrix is incomplete or no scenario ran; 2 on bad usage or when nothing answers at
the base URL.
`;

const OPTIONS = {
  vendor: { type: 'string', default: 'all' },
  'base-url': { type: 'string', default: 'http://127.0.0.1:4010' },
  auth: { type: 'string' },
  fixtures: { type: 'string' },
  'allow-mutations': { type: 'boolean', default: false },
  'allow-empty': { type: 'boolean', default: false },
  plan: { type: 'boolean', default: false },
  only: { type: 'string', multiple: true },
  concurrency: { type: 'string', default: '4' },
  timeout: { type: 'string', default: '10000' },
  reporter: { type: 'string' },
  output: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export type ConformValues = OptionValues<typeof OPTIONS>;

/** What the checked options mean for the run. */
export interface ConformSettings {
  /** The vendors asked for (`all`: every known one). */
  vendors: string[];
  only: string[] | undefined;
  /** The scenarios of those vendors that --only keeps. */
  chosen: Scenario[];
  concurrency: number;
  timeoutMs: number;
  reporter: ReporterKind | undefined;
  baseUrl: URL;
}

export const parseConformArgs = (argv: string[]): ConformValues | UsageError => parseOptions(argv, OPTIONS);

/** The settings, or the first bad option in the order a reader of the command line meets them. */
export function settingsOf(values: ConformValues): ConformSettings | UsageError {
  const vendors = vendorsOf(values.vendor);
  if (isUsageError(vendors)) return vendors;
  const numbers = wholeNumbersOf(values);
  if (isUsageError(numbers)) return numbers;
  const chosen = scenariosOf(vendors, values.only);
  if (isUsageError(chosen)) return chosen;
  const reporter = reporterOf(values.reporter, values.output);
  if (isUsageError(reporter)) return reporter;
  const baseUrl = baseUrlOf(values['base-url']);
  if (isUsageError(baseUrl)) return baseUrl;
  const prefixed = vendorPrefixHint(baseUrl, values.vendor);
  if (prefixed) return prefixed;
  return { vendors, only: values.only, chosen, ...numbers, reporter: reporter.kind, baseUrl };
}

function vendorsOf(vendor: string): string[] | UsageError {
  const known = vendorNames();
  const vendors = vendor === 'all' ? known : [vendor];
  if (vendors.every((v) => known.includes(v))) return vendors;
  return { usage: `unknown vendor "${vendor}"; choose one of ${known.join(', ')} or all` };
}

function wholeNumbersOf(values: ConformValues): { concurrency: number; timeoutMs: number } | UsageError {
  for (const [flag, value] of [['--concurrency', values.concurrency], ['--timeout', values.timeout]] as const) {
    if (!/^[1-9]\d*$/.test(value)) return { usage: `${flag} must be a positive whole number, not "${value}"`, withHelp: true };
  }
  return { concurrency: Number(values.concurrency), timeoutMs: Number(values.timeout) };
}

function scenariosOf(vendors: string[], only: string[] | undefined): Scenario[] | UsageError {
  const chosen = selectScenarios({ scenarios, vendors, ...(only ? { only } : {}) });
  if (only && chosen.length === 0) {
    return { usage: `--only ${only.join(', ')} matches no scenario of ${vendors.join(', ')} (give an operationId, a status or a scenario id)` };
  }
  return chosen;
}

/** --reporter, or junit when only --output is given. */
function reporterOf(reporter: string | undefined, output: string | undefined): { kind: ReporterKind | undefined } | UsageError {
  const kind = reporter ?? (output ? 'junit' : undefined);
  if (kind === undefined || isReporterKind(kind)) return { kind };
  return { usage: `--reporter must be junit, json or markdown, not "${kind}"` };
}

/** A base URL that ends in a vendor's prefix, with --vendor all: every vendor would be sent to that one prefix. */
function vendorPrefixHint(baseUrl: URL, vendor: string): UsageError | undefined {
  if (vendor !== 'all') return undefined;
  const last = baseUrl.pathname.replace(/\/+$/, '').split('/').at(-1) ?? '';
  if (!vendorNames().includes(last)) return undefined;
  const root = `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '').slice(0, -last.length - 1)}`;
  return { usage: `--base-url ${baseUrl.href} ends in /${last}, one vendor's prefix, but --vendor is all: add --vendor ${last} to judge ${last} there, or give the server root (${root || baseUrl.origin}) with --vendor all` };
}

function baseUrlOf(value: string): URL | UsageError {
  try {
    return new URL(value);
  } catch {
    return { usage: `--base-url "${value}" is not a URL` };
  }
}
