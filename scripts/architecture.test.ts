/**
 * The Architecture block (docs/architecture.md) and the folder layout tell the same story: every folder the block
 * names exists, and every source folder is named there (mocks/, mocks/core and conformance/ by
 * their folders).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const TOP_FOLDERS = ['specs', 'generated', 'scripts'];
const NAMED_BY_SUBFOLDERS = ['mocks', 'mocks/core', 'conformance', 'scripts'];

function architectureBlock(): string {
  const readme = readFileSync(new URL('docs/architecture.md', root), 'utf8');
  return /```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
}

/** The folder each line of the block starts with (`specs/`, `mocks/core`, `mocks/core/request`, …). */
const namedFolders = (block: string): string[] =>
  block
    .split('\n')
    .map((line) => /^([a-z][\w-]*(?:\/[\w-]+)*)\/?\s/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

const isFolder = (path: string) => statSync(new URL(path, root), { throwIfNoEntry: false })?.isDirectory() ?? false;
const subfolders = (top: string) =>
  readdirSync(new URL(`${top}/`, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${top}/${entry.name}`);

describe('docs/architecture.md block', () => {
  const named = namedFolders(architectureBlock());

  it('names only folders that exist', () => {
    expect(named.length).toBeGreaterThan(TOP_FOLDERS.length);
    expect(named.filter((folder) => !isFolder(folder))).toEqual([]);
  });

  it('names every source folder', () => {
    const folders = [...TOP_FOLDERS, ...NAMED_BY_SUBFOLDERS.flatMap(subfolders)];
    expect(folders.filter((folder) => !named.includes(folder))).toEqual([]);
  });
});
