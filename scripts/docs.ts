/**
 * The documentation a reader meets: README.md first, then docs/*.md. The tests that run or check
 * what the docs say (curl lines, consumer blocks, the architecture block, the fixtures file, the
 * choices lists) read them through here, so a doc moved or added is read the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const ROOT = new URL('../', import.meta.url);

/** Every doc, by path relative to the repository root. */
export const DOCS: string[] = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

export const readDoc = (doc: string): string => readFileSync(new URL(doc, ROOT), 'utf8');
