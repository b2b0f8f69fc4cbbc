/**
 * The choices where a page is silent are the inferred rules of the spec's catalogue, written once:
 * every operation file's header comment and every vendor's "choices where the page is silent" list
 * name them by id (in backticks), and name no rule the catalogue does not have. Each item of a
 * choices list names at least one rule, so a choice that is not in the catalogue has no place there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VendorModule } from '../core/vendor.ts';
import { allVendors } from './index.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The rule ids of `vendor` written in backticks. */
const ruleIdsIn = (text: string, vendor: string) =>
  [...text.matchAll(/`([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z0-9-]+)`/g)].map((m) => m[1]!).filter((id) => id.startsWith(`${vendor}.`));

/** The items of the first list after `heading` (a Markdown heading or a lead-in line), up to the next heading. */
function choicesList(markdown: string, heading: RegExp): string[] | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start]!)?.[0].length ?? 4;
  const end = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level}} `).test(line));
  const section = lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
  const list = /(?:^|\n)(- [\s\S]*?)(?:\n\n(?! )|$)/.exec(section)?.[1] ?? '';
  return list.split(/\n- /).map((item) => item.replace(/^- /, ''));
}

/** A vendor's choices: its own README's section when it has one, else its section of docs/mocks.md. */
function vendorChoices(module: VendorModule): { where: string; items: string[] | undefined } {
  const own = `./${module.name}/README.md`;
  if (existsSync(new URL(own, import.meta.url))) return { where: `mocks/vendors/${module.name}/README.md`, items: choicesList(read(own), /^##+ .*choices/i) };
  const root = read('../../docs/mocks.md');
  const title = module.name.replace(/-/g, ' ');
  const start = root.split('\n').findIndex((line) => line.toLowerCase().startsWith(`## ${title} —`));
  const section = root.split('\n').slice(start).join('\n').split(/\n## /)[0]!;
  return { where: 'docs/mocks.md', items: choicesList(section, /Choices where the page is silent/) };
}

const operations = allVendors.flatMap((module) => module.responses.operations.map((spec) => ({ module, spec })));

describe.each(operations.map((o) => [`${o.module.name} ${o.spec.operationId}`, o] as const))('%s: choices checked against the catalogue', (_, { module, spec }) => {
  const catalogue = new Set(spec.rules.map((r) => r.id));
  const inferred = spec.rules.filter((r) => r.provenance === 'inferred').map((r) => r.id);

  it("the operation file's header comment names every inferred rule, and no rule the catalogue lacks", () => {
    const file = `./${module.name}/${kebab(spec.operationId)}.ts`;
    const header = /^\/\*\*[\s\S]*?\*\//.exec(read(file))?.[0] ?? '';
    expect(header, file).not.toBe('');
    const named = ruleIdsIn(header, module.name);
    expect(named.filter((id) => !catalogue.has(id)), `${file} names rules the catalogue does not have`).toEqual([]);
    expect(inferred.filter((id) => !named.includes(id)), `${file} leaves out inferred rules`).toEqual([]);
  });

  it('the vendor\'s "choices where the page is silent" name every inferred rule, each item a rule of the catalogue', () => {
    const { where, items } = vendorChoices(module);
    if (items === undefined) {
      expect(inferred, `${where} has no choices list for ${module.name}, but the catalogue infers rules`).toEqual([]);
      return;
    }
    for (const item of items) {
      const named = ruleIdsIn(item, module.name);
      expect(named.length, `${where}: a choice that names no rule of the catalogue: "${item.slice(0, 80)}…"`).toBeGreaterThan(0);
      expect(named.filter((id) => !catalogue.has(id)), `${where} names rules the catalogue does not have`).toEqual([]);
    }
    const named = items.flatMap((item) => ruleIdsIn(item, module.name));
    expect(inferred.filter((id) => !named.includes(id)), `${where} leaves out inferred rules`).toEqual([]);
  });
});
