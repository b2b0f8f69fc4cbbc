/**
 * Judging needs nothing of the mocks: `cardmock/conformance` and `cardmock/vitest`, bundled as a
 * consumer's bundler would, load neither mocks/ nor MSW until a cardmock engine is judged (that
 * path is a lazily loaded chunk of its own).
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The inputs and the external packages an entry loads before any dynamic import runs. */
async function eagerly(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const { metafile } = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', splitting: true, outdir: 'bundle-check', write: false, metafile: true, packages: 'external', logLevel: 'silent' });
  const outputs = (metafile as Metafile).outputs;
  const start = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === entry)!;
  const inputs = new Set<string>();
  const externals = new Set<string>();
  const seen = new Set<string>();
  const walk = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const input of Object.keys(outputs[output]!.inputs)) inputs.add(input);
    for (const imported of outputs[output]!.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) externals.add(imported.path);
      else walk(imported.path);
    }
  };
  walk(start);
  return { inputs: [...inputs], externals: [...externals] };
}

describe.each(['conformance/index.ts', 'conformance/vitest.ts'])('%s, bundled', (entry) => {
  it('loads nothing of mocks/ and no MSW until an engine is judged', async () => {
    const { inputs, externals } = await eagerly(entry);
    expect(inputs.some((i) => i.startsWith('conformance/lib/'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('mocks/'))).toEqual([]);
    expect(externals.filter((e) => e === 'msw' || e.startsWith('msw/'))).toEqual([]);
  }, 30_000);
});
