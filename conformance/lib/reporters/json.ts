/** The whole report as JSON (results, failures, warnings, matrix). */
import type { RunReport } from '../run.ts';

export const json = (report: RunReport): string => `${JSON.stringify(report, null, 2)}\n`;
