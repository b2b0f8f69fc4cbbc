/**
 * package.json says what the package is: a `./types/<spec>` export for every spec (its generated
 * openapi-typescript file) and no other, the `types` of its main entry, and a build that runs when
 * npm packs or installs from git but not when a checkout installs its own dependencies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWanted } from './build.js';
import { specFiles } from './generate.ts';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { types: string; exports: Record<string, { types?: string; default?: string } | string>; scripts: Record<string, string> };

describe('package.json', () => {
  it('exports the types of every spec as cardmock/types/<spec>, and nothing else under types/', async () => {
    const specs = (await specFiles()).map((s) => s.name).sort();
    const typed = Object.keys(manifest.exports).filter((k) => k.startsWith('./types/')).sort();
    expect(typed).toEqual(specs.map((name) => `./types/${name}`));
    for (const name of specs) expect(manifest.exports[`./types/${name}`]).toEqual({ types: `./dist/generated/${name}.d.ts`, default: `./dist/generated/${name}.js` });
  });

  it("names the main entry's types at the top level too", () => {
    expect(manifest.types).toBe((manifest.exports['.'] as { types: string }).types);
  });

  it('builds in prepare (npm pack, npm publish, a git install), not in prepack, which a git install never runs', () => {
    expect(manifest.scripts.prepare).toBe('node scripts/build.js');
    expect(manifest.scripts.prepack).toBeUndefined();
  });
});

describe('buildWanted', () => {
  const pkg = '/work/cardmock';
  const prepare = (npm_command: string, INIT_CWD: string) => buildWanted({ npm_lifecycle_event: 'prepare', npm_command, INIT_CWD }, pkg);

  it('skips the build when the checkout installs its own dependencies (npm ci / npm install run in it)', () => {
    expect(prepare('ci', pkg)).toBe(false);
    expect(prepare('install', `${pkg}/`)).toBe(false);
  });

  it('builds for a git install (prepared from the consumer folder), npm pack, npm publish and npm run build', () => {
    expect(prepare('install', '/work/my-app')).toBe(true);
    expect(prepare('ci', '/work/my-app')).toBe(true);
    expect(prepare('pack', pkg)).toBe(true);
    expect(prepare('publish', pkg)).toBe(true);
    expect(buildWanted({ npm_lifecycle_event: 'build', npm_command: 'run', INIT_CWD: pkg }, pkg)).toBe(true);
    expect(buildWanted({}, pkg)).toBe(true);
  });
});
