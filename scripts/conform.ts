/**
 * `cardmock conform`: run the conformance suite against any base URL (our server, Prism, or a
 * vendor sandbox), print progress and a summary with the coverage matrix, and write a report.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarios, unprovokable } from '../conformance/cases/index.ts';
import { fixturePlan } from '../conformance/lib/fixture-pool.ts';
import { runConformance, selectScenarios, type RunReport } from '../conformance/lib/run.ts';
import type { FixturePools, Scenario } from '../conformance/lib/scenario.ts';
import { redact, secretsOf } from '../conformance/lib/redact.ts';
import { json } from '../conformance/lib/reporters/json.ts';
import { junit } from '../conformance/lib/reporters/junit.ts';
import { markdown } from '../conformance/lib/reporters/markdown.ts';
import { progressLine, summary } from '../conformance/lib/reporters/terminal.ts';
import { vendorNames } from '../conformance/lib/spec-index.ts';
import { speaksControlApi, urlTarget } from '../conformance/lib/url-target.ts';
import { allVendors } from '../mocks/vendors/index.ts';

const HELP = `Usage: cardmock conform --vendor <name|all> --base-url <url> [options]

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

export async function conformCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
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
      },
    }));
  } catch (error) {
    console.error(`cardmock conform: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const known = vendorNames();
  let vendors = values.vendor === 'all' ? known : [values.vendor!];
  if (!vendors.every((v) => known.includes(v))) {
    console.error(`cardmock conform: unknown vendor "${values.vendor}"; choose one of ${known.join(', ')} or all`);
    return 2;
  }
  const concurrency = Number(values.concurrency);
  const timeoutMs = Number(values.timeout);
  for (const [flag, value] of [['--concurrency', values.concurrency], ['--timeout', values.timeout]] as const) {
    if (!/^[1-9]\d*$/.test(value!)) {
      console.error(`cardmock conform: ${flag} must be a positive whole number, not "${value}"\n\n${HELP}`);
      return 2;
    }
  }
  const only = values.only;
  const chosen = selectScenarios({ scenarios, vendors, ...(only ? { only } : {}) });
  if (only && chosen.length === 0) {
    console.error(`cardmock conform: --only ${only.join(', ')} matches no scenario of ${vendors.join(', ')} (give an operationId, a status or a scenario id)`);
    return 2;
  }
  const reporter = values.reporter ?? (values.output ? 'junit' : undefined);
  if (reporter && !['junit', 'json', 'markdown'].includes(reporter)) {
    console.error(`cardmock conform: --reporter must be junit, json or markdown, not "${reporter}"`);
    return 2;
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(values['base-url']!);
  } catch {
    console.error(`cardmock conform: --base-url "${values['base-url']}" is not a URL`);
    return 2;
  }

  const authorization = values.auth ?? process.env.CARDMOCK_AUTH;
  const secrets = secretsOf(authorization);
  const say = (text: string) => console.log(redact(text, secrets));

  let fixtures: Record<string, FixturePools> = {};
  if (values.fixtures) {
    try {
      fixtures = JSON.parse(await readFile(values.fixtures, 'utf8'));
      // Credentials given as fixtures (e.g. capillary.readOnlyAuthorization) are as secret as --auth.
      for (const byKey of Object.values(fixtures)) {
        for (const [key, value] of Object.entries(byKey)) {
          if (/authorization|token|password|secret/i.test(key)) for (const one of [value].flat()) secrets.push(...secretsOf(String(one)));
        }
      }
    } catch (error) {
      console.error(`cardmock conform: cannot read fixtures ${values.fixtures}: ${(error as Error).message}`);
      return 2;
    }
  }
  if (values.plan) {
    say(planTable(chosen, fixtures));
    return 0;
  }

  const silent = await nothingAnswers(baseUrl, Math.min(timeoutMs, 5_000));
  if (silent) {
    console.error(`cardmock conform: nothing answers at ${baseUrl.href} (${silent}); start the server or check --base-url`);
    return 2;
  }

  // Our own server speaks the control API: it can inject faults, every scenario gets a fresh
  // session, and its default fixtures and credentials are known.
  const ownMock = await speaksControlApi(baseUrl.href);
  const prefixHint = ownMock && vendors.length === 1 && !baseUrl.pathname.replace(/\/+$/, '').endsWith(`/${vendors[0]}`);
  if (prefixHint) {
    console.error(
      `cardmock conform: ${baseUrl.href} is a cardmock server, which serves ${vendors[0]} under /${vendors[0]}: ` +
        `its vendor paths answer 404 here. Use --base-url ${baseUrl.origin}/${vendors[0]} (or --vendor all with the server root).`,
    );
    return 2;
  }
  if (ownMock && values.vendor === 'all') {
    // "all" on a cardmock server means the vendors it serves.
    const listed = (await (await fetch(`${baseUrl.origin}/__cardmock/vendors`)).json()) as { vendors: { name: string }[] };
    vendors = listed.vendors.map((v) => v.name).filter((v) => known.includes(v));
  }
  if (ownMock) {
    for (const v of allVendors) fixtures[v.name] = { ...v.samples.fixtures, ...fixtures[v.name] };
  }
  const target = urlTarget({
    baseUrl: baseUrl.href,
    vendors,
    ...(authorization ? { authorization } : {}),
    fixtures,
    control: ownMock,
    mutations: ownMock || values['allow-mutations']!,
    ownMock,
    timeoutMs,
    concurrency,
  });
  if (ownMock && !authorization) {
    const byVendor = new Map(allVendors.map((v) => [v.name, v.samples.authorization]));
    target.authorization = (vendor) => byVendor.get(vendor);
  }

  say(`cardmock conform: ${vendors.join(', ')} at ${baseUrl.href}${ownMock ? ' (cardmock server: control API found)' : ''}`);
  if (!ownMock && !values['allow-mutations']) say('  read-only: scenarios that change data are skipped (--allow-mutations to run them)');
  const report: RunReport = await runConformance({
    target,
    scenarios,
    unprovokable,
    vendors,
    ...(only ? { only } : {}),
    allowMutations: target.capabilities.mutations,
    concurrency,
    onResult: (result, done, total) => {
      if (!values.quiet) console.error(redact(progressLine(result, done, total), secrets));
    },
  });
  say(summary(report));

  if (reporter) {
    const render = { junit, json, markdown }[reporter as 'junit' | 'json' | 'markdown'];
    const output = values.output ?? `reports/conformance.${reporter === 'junit' ? 'xml' : reporter === 'json' ? 'json' : 'md'}`;
    await mkdir(path.dirname(path.resolve(output)), { recursive: true });
    await writeFile(output, redact(render(report), secrets));
    say(`report written to ${output}`);
  }
  const ran = report.results.filter((r) => r.outcome === 'passed' || r.outcome === 'failed').length;
  if (ran === 0 && !values['allow-empty']) {
    say('No scenario ran (every one was skipped or not provokable; see the reasons above). Give fixtures and --allow-mutations, or pass --allow-empty to accept an empty run.');
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
    const status = have >= r.needed ? 'ok' : shortBy(have, r.needed);
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
