/**
 * `cardmock conform`: run the conformance suite against any base URL (our server, Prism, or a
 * vendor sandbox), print progress and a summary with the coverage matrix, and write a report.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarios, unprovokable } from '../conformance/cases/index.ts';
import { runConformance, type RunReport } from '../conformance/lib/run.ts';
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
  --only <id|status>      Only scenarios of this operationId, status or scenario id (repeatable)
  --concurrency <n>       Scenarios at once (default 4)
  --timeout <ms>          Per-request time-out (default 10000)
  --reporter <kind>       junit | json | markdown: also write a report (default junit when --output is given)
  --output <path>         Where to write the report
  --quiet                 No progress lines

Exit code: 0 when every scenario that ran passed and the matrix is complete, 1 otherwise, 2 on bad usage.
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
  for (const [flag, value] of [['--concurrency', concurrency], ['--timeout', timeoutMs]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      console.error(`cardmock conform: ${flag} must be a positive integer, not "${flag === '--timeout' ? values.timeout : values.concurrency}"\n\n${HELP}`);
      return 2;
    }
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

  let fixtures: Record<string, Record<string, string | number>> = {};
  if (values.fixtures) {
    try {
      fixtures = JSON.parse(await readFile(values.fixtures, 'utf8'));
      // Credentials given as fixtures (e.g. capillary.readOnlyAuthorization) are as secret as --auth.
      for (const byKey of Object.values(fixtures)) {
        for (const [key, value] of Object.entries(byKey)) if (/authorization|token|password|secret/i.test(key)) secrets.push(...secretsOf(String(value)));
      }
    } catch (error) {
      console.error(`cardmock conform: cannot read fixtures ${values.fixtures}: ${(error as Error).message}`);
      return 2;
    }
  }

  // Our own server speaks the control API: it can inject faults, every scenario gets a fresh
  // session, and its default fixtures and credentials are known.
  const ownMock = await speaksControlApi(baseUrl.href);
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
    ...(values.only ? { only: values.only } : {}),
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
  return report.ok ? 0 : 1;
}
