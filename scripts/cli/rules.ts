/**
 * `cardmock rules [--vendor v] [--format text|md]`: the rules catalogue of each operation (every
 * rule its vendor's page states or cardmock infers, its source and its answer) and the scenarios
 * that judge each rule, so a sandbox user sees what is judged, and on what basis, before a run.
 */
import { scenarios, unprovokable } from '../../conformance/cases/index.ts';
import { vendorNames, vendorSpec } from '../../conformance/lib/spec-index.ts';
import { answersOf, describeSource, type Rule } from '../../specs/lib/rules.ts';
import { parseOptions, readCommandLine, type UsageError } from './cli-usage.ts';

export const HELP = `Usage: cardmock rules [options]

Prints the rules catalogue: every rule of each vendor operation, documented (D, the vendor states
it) or inferred (I, cardmock's reading where the page is silent), its source, the answer that keeps
it, and the conformance scenarios that judge it (or why none can).

Options:
  --vendor <name>    One vendor (default: all)
  --format <kind>    text (default) or md
  -h, --help         Show this help
`;

const OPTIONS = {
  vendor: { type: 'string' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Settings {
  vendors: string[];
  format: 'text' | 'md';
}

function settingsOf(values: { vendor?: string | undefined; format?: string | undefined }): Settings | UsageError {
  const known = vendorNames();
  if (values.vendor !== undefined && !known.includes(values.vendor)) return { usage: `unknown vendor "${values.vendor}"; vendors: ${known.join(', ')}` };
  if (values.format !== 'text' && values.format !== 'md') return { usage: `--format must be text or md, not "${values.format}"` };
  return { vendors: values.vendor ? [values.vendor] : known, format: values.format };
}

/** The scenarios that judge a rule, or the reason none can. */
function judgedBy(vendor: string, rule: Rule): string {
  const ids = scenarios.filter((s) => s.vendor === vendor && s.rule === rule.id).map((s) => s.id);
  if (ids.length > 0) return ids.join(', ');
  const stated = unprovokable.find((u) => u.vendor === vendor && u.rule === rule.id);
  return stated ? `none: ${stated.reason}` : 'none';
}

const answerOf = (rule: Rule) => answersOf(rule).map((a) => `${a.status}${a.example ? ` ${a.example}` : ''}`).join(' or ');
const mark = (rule: Rule) => (rule.provenance === 'documented' ? 'D' : 'I');

function text(vendors: string[]): string {
  const lines: string[] = [];
  for (const vendor of vendors) {
    for (const op of vendorSpec(vendor).operations) {
      const inferred = op.rules.filter((r) => r.provenance === 'inferred').length;
      lines.push(`${vendor} ${op.operationId} (${op.method.toUpperCase()} ${op.path}): ${op.rules.length} rules, ${op.rules.length - inferred} documented, ${inferred} inferred`, '');
      for (const rule of op.rules) {
        lines.push(`  ${rule.id}  ${mark(rule)}  → ${answerOf(rule)}`, `    ${rule.rule}`, `    source: ${describeSource(rule.source)}`, `    judged by: ${judgedBy(vendor, rule)}`, '');
      }
    }
  }
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(vendors: string[]): string {
  const lines = ['# cardmock rules', '', 'D: documented by the vendor. I: inferred by cardmock where the page is silent (a deviation is a warning on a sandbox).'];
  for (const vendor of vendors) {
    for (const op of vendorSpec(vendor).operations) {
      lines.push('', `## ${vendor} \`${op.operationId}\` (${op.method.toUpperCase()} ${op.path})`, '', '| rule | D/I | answer | what | source | judged by |', '|---|---|---|---|---|---|');
      for (const rule of op.rules) lines.push(`| ${rule.id} | ${mark(rule)} | ${cell(answerOf(rule))} | ${cell(rule.rule)} | ${cell(describeSource(rule.source))} | ${cell(judgedBy(vendor, rule))} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function rulesCommand(argv: string[]): Promise<number> {
  const line = await readCommandLine('rules', HELP, () => parseOptions(argv, OPTIONS), settingsOf);
  if (typeof line === 'number') return line;
  const { vendors, format } = line.settings;
  console.log(format === 'md' ? markdown(vendors) : text(vendors));
  return 0;
}
