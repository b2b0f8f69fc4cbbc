/**
 * Every vendor folder follows one pattern (CONTRIBUTING.md, "Adding a vendor"): `index.ts` assembles
 * the module; `answers.ts` holds its documented responses, operation id constants, answers by rule
 * and `reject`; one file per operation, named after its operationId, exporting the handler the
 * module serves; `authenticate.ts` exactly when the vendor has credential rules; `state.ts` and
 * `fixtures.ts`; `presets.ts` exactly when it declares presets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allVendors } from './index.ts';

const folder = (vendor: string) => new URL(`./${vendor}/`, import.meta.url);
const has = (vendor: string, file: string) => existsSync(new URL(file, folder(vendor)));
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe.each(allVendors.map((v) => [v.name, v] as const))('mocks/vendors/%s', (vendor, module) => {
  it('has index.ts, answers.ts, state.ts and fixtures.ts', () => {
    expect(['index.ts', 'answers.ts', 'state.ts', 'fixtures.ts'].filter((f) => !has(vendor, f))).toEqual([]);
  });

  it('has one file per operation, named after its operationId, exporting the handler it serves', () => {
    for (const [operationId, handler] of Object.entries(module.operations)) {
      const file = `${kebab(operationId)}.ts`;
      expect(has(vendor, file), `${vendor}/${file}`).toBe(true);
      expect(readFileSync(new URL(file, folder(vendor)), 'utf8')).toMatch(new RegExp(`export function ${handler.name}\\(`));
    }
  });

  it('has authenticate.ts exactly when it has credential rules', () => {
    expect(has(vendor, 'authenticate.ts')).toBe(module.authenticate !== undefined);
    if (module.authenticate) expect(readFileSync(new URL('index.ts', folder(vendor)), 'utf8')).toMatch(/import \{ authenticate \} from '\.\/authenticate\.ts';/);
  });

  it('declares its presets in presets.ts, exactly when it has some', () => {
    const declared = (module.presets?.length ?? 0) > 0;
    expect(has(vendor, 'presets.ts')).toBe(declared);
    if (declared) expect(readFileSync(new URL('index.ts', folder(vendor)), 'utf8')).toMatch(/import \{ \w+Presets \} from '\.\/presets\.ts';/);
  });

  it('names its operation id constants in answers.ts', () => {
    const answers = readFileSync(new URL('answers.ts', folder(vendor)), 'utf8');
    for (const operationId of Object.keys(module.operations)) expect(answers).toMatch(new RegExp(`export const [A-Z_]+ = '${operationId}' as const;`));
  });
});
