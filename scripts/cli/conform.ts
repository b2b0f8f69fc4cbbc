/**
 * `cardmock conform`: run the conformance suite against any base URL (our server, Prism, or a
 * vendor sandbox), print progress and a summary with the coverage matrix, and write a report.
 */
import { controlPath } from '../../conformance/lib/control-paths.ts';
import { readFile } from 'node:fs/promises';
import { scenarios, unprovokable } from '../../conformance/cases/index.ts';
import { fixturePlan } from '../../conformance/lib/fixture-pool.ts';
import { fixturesProblems } from '../../conformance/lib/fixtures-check.ts';
import { runConformance, type RunReport } from '../../conformance/lib/run.ts';
import type { FixturePools, Scenario } from '../../conformance/lib/scenario.ts';
import { progressLine, summary } from '../../conformance/lib/reporters/terminal.ts';
import { vendorNames } from '../../conformance/lib/spec-index.ts';
import type { Target } from '../../conformance/lib/target.ts';
import { speaksControlApi, urlTarget } from '../../conformance/lib/url-target.ts';
import { allVendors } from '../../mocks/vendors/index.ts';
import { HELP, parseConformArgs, settingsOf, type ConformSettings, type ConformValues } from './conform-options.ts';
import { isUsageError, readCommandLine, usageExit, type UsageError } from './cli-usage.ts';
import { writeReport, type ReporterKind } from './write-report.ts';

type Fixtures = Record<string, FixturePools>;
const fail = (error: UsageError) => usageExit('conform', error, HELP);

export async function conformCommand(argv: string[]): Promise<number> {
  const line = await readCommandLine('conform', HELP, () => parseConformArgs(argv), settingsOf);
  if (typeof line === 'number') return line;
  const { values, settings } = line;

  const authorization = values.auth ?? process.env.CARDMOCK_AUTH;
  // Every result comes redacted from the runner (the --auth value, fixtures named like credentials,
  // credential fields of each exchange): what is printed and written is built from them.
  const read = values.fixtures ? await readFixtures(values.fixtures) : { fixtures: {} };
  if (isUsageError(read)) return fail(read);
  const { fixtures } = read;
  if (values.plan) {
    console.log(planTable(settings.chosen, fixtures));
    return 0;
  }

  const silent = await nothingAnswers(settings.baseUrl, Math.min(settings.timeoutMs, 5_000));
  if (silent) return fail({ usage: `nothing answers at ${settings.baseUrl.href} (${silent}); start the server or check --base-url` });
  const chosen = await chooseTarget(values, settings, fixtures, authorization);
  if (isUsageError(chosen)) return fail(chosen);

  const report = await run(values, settings, chosen);
  if (settings.reporter) await saveReport(report, settings.reporter, values.output);
  return exitCodeOf(report, values['allow-empty']);
}

/** The fixtures file; credentials given in it (e.g. capillary.readOnlyAuthorization) are redacted by the runner, as --auth is. */
async function readFixtures(file: string): Promise<{ fixtures: Fixtures } | UsageError> {
  try {
    const fixtures = JSON.parse(await readFile(file, 'utf8')) as unknown;
    // Checked against what the scenarios need: a misspelt key would otherwise skip its scenarios in silence.
    const problems = fixturesProblems(fixtures, scenarios);
    if (problems.length > 0) return { usage: `fixtures ${file}:\n  ${problems.join('\n  ')}` };
    return { fixtures: fixtures as Fixtures };
  } catch (error) {
    // A JSON error quotes the file, which may hold credentials: name the problem, not the content.
    const code = (error as NodeJS.ErrnoException).code;
    return { usage: `cannot read fixtures ${file}: ${code ?? 'not valid JSON'}` };
  }
}

interface ChosenTarget {
  target: Target;
  vendors: string[];
  ownMock: boolean;
}

/**
 * Our own server speaks the control API: it can inject faults, every scenario gets a fresh
 * session, and its default fixtures and credentials are known.
 */
async function chooseTarget(values: ConformValues, settings: ConformSettings, given: Fixtures, authorization: string | undefined): Promise<ChosenTarget | UsageError> {
  const { baseUrl } = settings;
  const ownMock = await speaksControlApi(baseUrl.href);
  const hint = ownMock && settings.vendors.length === 1 ? prefixHint(baseUrl, settings.vendors[0]!) : undefined;
  if (hint) return hint;
  const vendors = ownMock && values.vendor === 'all' ? await servedVendors(baseUrl) : settings.vendors;
  const target = urlTarget({
    baseUrl: baseUrl.href,
    vendors,
    ...(authorization ? { authorization } : {}),
    fixtures: ownMock ? withDefaultFixtures(given) : given,
    control: ownMock,
    mutations: ownMock || values['allow-mutations'],
    ownMock,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
  });
  if (ownMock && !authorization) {
    const byVendor = new Map(allVendors.map((v) => [v.name, v.samples.authorization]));
    target.authorization = (vendor) => byVendor.get(vendor);
  }
  return { target, vendors, ownMock };
}

/** A cardmock server serves a vendor under /<vendor>: its root is the wrong base URL for one vendor. */
function prefixHint(baseUrl: URL, vendor: string): UsageError | undefined {
  if (baseUrl.pathname.replace(/\/+$/, '').endsWith(`/${vendor}`)) return undefined;
  return {
    usage:
      `${baseUrl.href} is a cardmock server, which serves ${vendor} under /${vendor}: ` +
      `its vendor paths answer 404 here. Use --base-url ${baseUrl.origin}/${vendor} (or --vendor all with the server root).`,
  };
}

/** "all" on a cardmock server means the vendors it serves. */
async function servedVendors(baseUrl: URL): Promise<string[]> {
  const known = vendorNames();
  const listed = (await (await fetch(`${baseUrl.origin}${controlPath('listVendors')}`)).json()) as { vendors: { name: string }[] };
  return listed.vendors.map((v) => v.name).filter((v) => known.includes(v));
}

/** Our server's default fixtures, overridden by what the file gives. */
function withDefaultFixtures(given: Fixtures): Fixtures {
  const fixtures = { ...given };
  for (const v of allVendors) fixtures[v.name] = { ...v.samples.fixtures, ...given[v.name] };
  return fixtures;
}

async function run(values: ConformValues, settings: ConformSettings, chosen: ChosenTarget): Promise<RunReport> {
  const { target, vendors, ownMock } = chosen;
  console.log(`cardmock conform: ${vendors.join(', ')} at ${settings.baseUrl.href}${ownMock ? ' (cardmock server: control API found)' : ''}`);
  if (!ownMock && !values['allow-mutations']) console.log('  read-only: scenarios that change data are skipped (--allow-mutations to run them)');
  const report = await runConformance({
    target,
    scenarios,
    unprovokable,
    vendors,
    ...(settings.only ? { only: settings.only } : {}),
    allowMutations: target.capabilities.mutations,
    mutationsSwitch: '--allow-mutations',
    concurrency: settings.concurrency,
    onResult: (result, done, total) => {
      if (!values.quiet) console.error(progressLine(result, done, total));
    },
  });
  console.log(summary(report));
  return report;
}

/** The report where --output says, or under reports/ with --reporter alone. */
async function saveReport(report: RunReport, reporter: ReporterKind, given: string | undefined): Promise<void> {
  const output = given ?? `reports/conformance.${reporter === 'junit' ? 'xml' : reporter === 'json' ? 'json' : 'md'}`;
  await writeReport(report, reporter, output);
  console.log(`report written to ${output}`);
}

function exitCodeOf(report: RunReport, allowEmpty: boolean): number {
  const ran = report.results.filter((r) => r.outcome === 'passed' || r.outcome === 'failed').length;
  if (ran === 0 && !allowEmpty) {
    console.log('No scenario ran (every one was skipped or not provokable; see the reasons above). Give fixtures and --allow-mutations, or pass --allow-empty to accept an empty run.');
    return 1;
  }
  return report.ok ? 0 : 1;
}

/** Per vendor and fixture key: what a full run with --allow-mutations needs, and what the file gives. */
function planTable(chosen: Scenario[], fixtures: Record<string, FixturePools>): string {
  const rows = fixturePlan(chosen);
  const lines = ['Fixtures a run with --allow-mutations needs (a list gives a pool; consuming scenarios each take their own value):', ''];
  const table = rows.map((r) => {
    const given = fixtures[r.vendor]?.[r.key];
    const have = given === undefined ? 0 : [given].flat().length;
    const status = have >= r.needed ? 'ok' : have === 0 ? 'missing: the scenarios that need it are skipped' : shortBy(have, r.needed);
    return [`${r.vendor}.${r.key}`, String(r.needed), String(r.consumers.length), String(r.readers), String(have), status];
  });
  const header = ['fixture', 'needed', 'consumers', 'readers', 'given', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const fmt = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  lines.push(fmt(header), ...table.map(fmt));
  return lines.join('\n');
}

const shortBy = (have: number, needed: number) => `short by ${needed - have}: scenarios past the pool are skipped`;

/** Why nothing answers at the base URL (refused, unknown host, time-out), or undefined when something does. */
async function nothingAnswers(url: URL, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? ((error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message);
  }
}
