/**
 * Specmatic's contract tests from the specs' paired examples, run against `cardmock serve`: every
 * named response example with its request example of the same name is one test, and the mock must
 * answer it with the example's status and a body of its schema (specs/README.md, "Paired examples").
 * Prints the pass count per vendor; exits 1 when an example fails or is not run, 2 on bad usage.
 *
 * Not part of `npm test`: Specmatic needs Java 17 and a download. Once per machine:
 *
 *   apt-get install -y default-jre-headless
 *   npm install --prefix /tmp/specmatic --no-audit --no-fund specmatic
 *
 * then, from the repository:
 *
 *   SPECMATIC_JAR=/tmp/specmatic/node_modules/specmatic/specmatic.jar npx tsx scripts/specmatic-examples.ts [vendor…]
 *
 * Each vendor runs in passes, since Specmatic sends one set of credentials per run and cannot inject
 * a fault: scripts/paired-examples.ts says, from the rules catalogue, which examples are sent with
 * refused or other credentials, and which while a fault rule of their status is set (control API);
 * every other example is sent with the vendor's sample credentials. Specmatic 2.55 cannot
 * load the examples of an operation whose security is Bearer *or* Basic (Enfuce): it builds the
 * request with one scheme and checks it against the other. So a spec with several alternatives is
 * run through an overlay that keeps the one the vendor's samples use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allVendors } from '../mocks/vendors/index.ts';
import type { VendorModule } from '../mocks/core/vendor.ts';
import { serveCli } from '../mocks/testing/cli-server.ts';
import { operationsOf, type OperationSpec } from '../specs/lib/operations.ts';
import { pairedExamples } from './paired-examples.ts';

interface Pass {
  what: string;
  examples: string[];
  authorization: string;
  fault?: { operationId: string; status: number };
}

interface PassResult {
  ran: Map<string, boolean>;
  failures: string;
}

const specsDir = fileURLToPath(new URL('../specs/', import.meta.url));

/** The examples of an operation grouped by what they are sent with: one Specmatic run each. */
function passesOf(vendor: VendorModule, op: OperationSpec): Pass[] {
  const passes = new Map<string, Pass>();
  for (const example of pairedExamples(vendor, op)) {
    const pass = passes.get(example.condition) ?? {
      what: example.condition,
      examples: [],
      authorization: example.authorization,
      ...(example.fault ? { fault: { operationId: op.operationId, status: example.fault } } : {}),
    };
    pass.examples.push(example.name);
    passes.set(example.condition, pass);
  }
  return [...passes.values()];
}

/** An overlay keeping only the security alternative of the samples' scheme, when a spec has several. */
function securityOverlay(vendor: VendorModule, dir: string): string | undefined {
  const requirements = vendor.document.security ?? [];
  if (requirements.length < 2) return undefined;
  const schemes = vendor.document.components?.securitySchemes ?? {};
  const basic = vendor.samples.authorization.startsWith('Basic ');
  const isKept = (requirement: Record<string, unknown>) =>
    Object.keys(requirement).every((name) => ((schemes[name] as { scheme?: string })?.scheme?.toLowerCase() === 'basic') === basic);
  const removed = requirements.map((r, i) => (isKept(r) ? undefined : i)).filter((i): i is number => i !== undefined).reverse();
  const actions = removed.map((i) => `  - target: $.security[${i}]\n    remove: true\n`).join('');
  const file = join(dir, `${vendor.name}.overlay.yaml`);
  writeFileSync(file, `overlay: 1.0.0\ninfo:\n  title: one security alternative\n  version: 1.0.0\nactions:\n${actions}`);
  return file;
}

/** The environment Specmatic reads credentials from: a variable named after each security scheme. */
function credentialsEnv(vendor: VendorModule, authorization: string): Record<string, string> {
  const value = authorization.replace(/^(Bearer|Basic) /, '');
  return Object.fromEntries(Object.keys(vendor.document.components?.securitySchemes ?? {}).map((name) => [name, value]));
}

function runSpecmatic(jar: string, args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('java', ['-jar', jar, 'test', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('error', fail);
    child.once('exit', () => done(output));
  });
}

/** Which examples Specmatic ran and whether each passed, and its report of the failures. */
function readResult(output: string): PassResult {
  const ran = new Map<string, boolean>();
  for (const m of output.matchAll(/^Scenario: .* with the request from the example '([^']+)'.* has (SUCCEEDED|FAILED)$/gm)) ran.set(m[1]!, m[2] === 'SUCCEEDED');
  const failures = /\nUnsuccessful Scenarios:\n([\s\S]*?)\nTests run:/.exec(output)?.[1] ?? (ran.size === 0 ? output.trim() : '');
  return { ran, failures };
}

async function control(url: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${url}/__cardmock/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} /__cardmock/${path}: ${response.status} ${await response.text()}`);
}

/** One pass: set its fault, run Specmatic on its examples only, clear the fault. */
async function runPass(jar: string, url: string, vendor: VendorModule, pass: Pass, dir: string): Promise<PassResult> {
  if (pass.fault) await control(url, 'POST', 'faults', { vendor: vendor.name, ...pass.fault });
  try {
    const overlay = securityOverlay(vendor, dir);
    const args = [join(specsDir, `${vendor.name}.openapi.yaml`), `--testBaseURL=${url}/${vendor.name}`, `--filter=EXAMPLE-NAME='${pass.examples.join(',')}'`];
    return readResult(await runSpecmatic(jar, overlay ? [...args, `--overlay-file=${overlay}`] : args, credentialsEnv(vendor, pass.authorization), dir));
  } finally {
    if (pass.fault) await control(url, 'DELETE', 'faults');
  }
}

/** Every pass of a vendor; prints its count and what failed. Returns whether all examples passed. */
async function runVendor(jar: string, url: string, vendor: VendorModule, dir: string): Promise<boolean> {
  const problems: string[] = [];
  let total = 0;
  let passed = 0;
  for (const op of operationsOf(vendor.document, vendor.name)) {
    for (const pass of passesOf(vendor, op)) {
      const result = await runPass(jar, url, vendor, pass, dir);
      total += pass.examples.length;
      for (const name of pass.examples) {
        if (result.ran.get(name) === true) passed++;
        else problems.push(`  ${op.operationId} ${name} (${pass.what}): ${result.ran.has(name) ? 'failed' : 'not run by Specmatic'}`);
      }
      const extra = [...result.ran.keys()].filter((name) => !pass.examples.includes(name));
      if (extra.length > 0) problems.push(`  the filter of the pass ${pass.what} also ran ${extra.join(', ')}`);
      if (result.failures && !pass.examples.every((n) => result.ran.get(n))) problems.push(result.failures.replace(/^/gm, '    '));
    }
  }
  console.log(`${vendor.name}: ${passed}/${total} examples passed`);
  for (const problem of problems) console.log(problem);
  return passed === total && problems.length === 0;
}

function usage(message: string): never {
  console.error(`specmatic-examples: ${message}\n\nSee the header of scripts/specmatic-examples.ts for how to install Specmatic.`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const jar = process.env.SPECMATIC_JAR ?? usage('set SPECMATIC_JAR to the specmatic.jar of the npm package specmatic');
  if (!existsSync(jar)) usage(`no file ${jar}`);
  if (spawnSync('java', ['-version']).status !== 0) usage('java is not installed (apt-get install -y default-jre-headless)');
  const unknown = argv.filter((name) => !allVendors.some((v) => v.name === name));
  if (unknown.length > 0) usage(`unknown vendor ${unknown.join(', ')} (one of ${allVendors.map((v) => v.name).join(', ')})`);
  const vendors = argv.length > 0 ? allVendors.filter((v) => argv.includes(v.name)) : allVendors;
  const dir = mkdtempSync(join(tmpdir(), 'cardmock-specmatic-'));
  const server = await serveCli(['--port', '0', '--quiet']);
  try {
    let ok = true;
    for (const vendor of vendors) ok = (await runVendor(jar, server.url, vendor, dir)) && ok;
    return ok ? 0 : 1;
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
