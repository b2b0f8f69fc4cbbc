/**
 * Measures every function (declaration, expression, arrow, method, accessor) in TypeScript
 * source with the compiler's own parser, so the "no function over about 60 lines" rule of
 * issue 14 is checked rather than remembered. `npx tsx scripts/function-lengths.ts [limit]`
 * prints the functions of mocks/ and scripts/ over the limit; function-lengths.test.ts keeps
 * the list from growing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface FunctionLength {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** The name a reader looks for: `outer.inner` for nested functions, `<anonymous>@line` otherwise. */
  name: string;
  line: number;
  lines: number;
}

export const FUNCTION_LINE_LIMIT = 60;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every function in one source text, with its span from signature to closing brace. */
export function measureFunctions(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FunctionLength[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node, outer: string[]) => {
    let names = outer;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = lineOf(node.getStart(source));
      names = [...outer, functionName(node, source) ?? `<anonymous>@${line}`];
      found.push({ file, name: names.join('.'), line, lines: lineOf(node.getEnd()) - line + 1 });
    }
    ts.forEachChild(node, (child) => visit(child, names));
  };
  visit(source, []);
  return found;
}

/** The name a function is declared or bound under, if it has one. */
function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string | undefined {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  return undefined;
}

/** Source files (not tests) below the given folders of the repository. */
export function sourceFiles(folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f) && !f.split(path.sep).includes('node_modules'))
      .map((f) => path.posix.join(folder, f.split(path.sep).join('/'))),
  );
}

/** Functions over the limit in the given folders, longest first. */
export function longFunctions(folders: string[], limit = FUNCTION_LINE_LIMIT): FunctionLength[] {
  return sourceFiles(folders)
    .flatMap((file) => measureFunctions(file, readFileSync(path.join(repoRoot, file), 'utf8')))
    .filter((f) => f.lines > limit)
    .sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const limit = Number(process.argv[2] ?? FUNCTION_LINE_LIMIT);
  for (const f of longFunctions(['mocks', 'scripts'], limit)) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
}
