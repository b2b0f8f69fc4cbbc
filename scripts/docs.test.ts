/**
 * The docs a package user reads lead only to what the package ships: every relative link and image
 * of README.md and docs/*.md resolves to a file that exists and is packed (package.json `files`,
 * or what npm always packs), and every `#anchor` to a heading of its page; the installed CLI's help
 * names only docs that ship.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../mocks/testing/cli-server.ts';
import { DOCS, readDoc, ROOT } from './docs.ts';

const root = fileURLToPath(ROOT);
const packed = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
/** Whether npm packs this path (relative to the root): a `files` entry or below one, or what npm always packs. */
const ships = (file: string) => ['README.md', 'LICENSE', 'package.json'].includes(file) || packed.some((entry) => file === entry || file.startsWith(`${entry}/`));

/** GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
const anchorsOf = (text: string) => new Set([...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

function links(doc: string): { target: string; anchor?: string }[] {
  const text = readDoc(doc).replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [file, anchor] = href.split('#');
      return { target: file ? path.posix.normalize(path.posix.join(path.posix.dirname(doc), file)) : doc, ...(anchor ? { anchor } : {}) };
    });
}

describe.each(DOCS)('%s', (doc) => {
  it('links only to packed files and to headings that exist', () => {
    const broken = links(doc).filter(({ target, anchor }) => {
      if (!existsSync(path.join(root, target)) || !ships(target)) return true;
      return anchor !== undefined && !anchorsOf(readDoc(target)).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

describe('the docs, as the package ships them', () => {
  it('README links every page of docs/', () => {
    const linked = new Set(links('README.md').map((l) => l.target));
    expect(DOCS.filter((doc) => doc !== 'README.md' && !linked.has(doc))).toEqual([]);
  });

  it('the installed CLI lists only what works outside a checkout, and its help names only docs that ship', async () => {
    const run = promisify(execFile);
    const { stdout: usage } = await run(process.execPath, [CLI, '--help']);
    expect(usage).not.toMatch(/\bgenerate\b/);
    for (const command of ['serve', 'conform', 'proxy', 'rules']) {
      expect(usage).toMatch(new RegExp(`\\n  ${command} `));
      const { stdout } = await run(process.execPath, [CLI, command, '--help']);
      for (const [named] of stdout.matchAll(/\b[\w./-]+\.md\b/g)) expect(ships(named) && existsSync(path.join(root, named)), `${command} --help names ${named}`).toBe(true);
    }
  }, 60_000);
});
