/**
 * Writes a run report (`cardmock conform --output`, `cardmock proxy --report`) in the chosen
 * format, redacted, creating its folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { json } from '../conformance/lib/reporters/json.ts';
import { junit } from '../conformance/lib/reporters/junit.ts';
import { markdown } from '../conformance/lib/reporters/markdown.ts';
import type { RunReport } from '../conformance/lib/run.ts';

const RENDER = { junit, json, markdown };
export type ReporterKind = keyof typeof RENDER;

export const isReporterKind = (kind: string): kind is ReporterKind => Object.hasOwn(RENDER, kind);

export async function writeReport(report: RunReport, kind: ReporterKind, file: string, redact: (text: string) => string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, redact(RENDER[kind](report)));
}
