/**
 * Writes a run report (`cardmock conform --output`, `cardmock proxy --report`) in the chosen
 * format, creating its folder. The report comes redacted: its results were built from redacted
 * exchanges (conformance/lib/redact.ts), so the writing changes nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { json } from '../../conformance/lib/reporters/json.ts';
import { junit } from '../../conformance/lib/reporters/junit.ts';
import { markdown } from '../../conformance/lib/reporters/markdown.ts';
import type { RunReport } from '../../conformance/lib/run.ts';

const RENDER = { junit, json, markdown };
export type ReporterKind = keyof typeof RENDER;

export const isReporterKind = (kind: string): kind is ReporterKind => Object.hasOwn(RENDER, kind);

export async function writeReport(report: RunReport, kind: ReporterKind, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, RENDER[kind](report));
}
