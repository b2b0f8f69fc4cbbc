/**
 * Reads a folder of recordings for `serve --replay`, trusting nothing in it: only regular files
 * directly inside it are opened (a link could lead anywhere, a FIFO would hang the start), each
 * is size-capped before it is read, parsed, and checked against the recording format and the
 * vendors served. A problem names the file and the rule it breaks, never the file's content.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkRecording, RECORDING_LIMITS, type RecordedExchange } from './recording.ts';

/** A recording file holds at most both bodies (base64 may add a third) and its headers. */
export const MAX_RECORDING_FILE_BYTES = Math.ceil((RECORDING_LIMITS.requestBodyBytes + RECORDING_LIMITS.responseBodyBytes) * 1.4) + 2 * 1024 * 1024;
export const MAX_RECORDINGS = 10_000;
/** The files a recording folder holds: `00001-paysafe-assignBulkCard-200.json`; others (fixtures.json) are not recordings. */
const RECORDING_FILE = /^\d+-.*\.json$/;

export type Loaded = { ok: true; recordings: RecordedExchange[] } | { ok: false; problems: string[] };

export async function loadRecordings(dir: string, vendors: readonly string[]): Promise<Loaded> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => RECORDING_FILE.test(name)).sort();
  } catch (error) {
    return { ok: false, problems: [`cannot list ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  if (names.length > MAX_RECORDINGS) return { ok: false, problems: [`${dir} holds ${names.length} recordings; at most ${MAX_RECORDINGS} are replayed`] };
  const recordings: RecordedExchange[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const read = await readRecording(path.join(dir, name), vendors);
    if (read.ok) recordings.push(read.recording);
    else problems.push(...read.problems.map((p) => `${name}: ${p}`));
  }
  return problems.length ? { ok: false, problems } : { ok: true, recordings };
}

async function readRecording(file: string, vendors: readonly string[]): Promise<{ ok: true; recording: RecordedExchange } | { ok: false; problems: string[] }> {
  const refused = (problem: string) => ({ ok: false as const, problems: [problem] });
  const kind = await lstat(file).catch(() => undefined);
  if (!kind) return refused('cannot be read');
  if (kind.isSymbolicLink()) return refused('is a symbolic link: refused (recordings are regular files inside the folder)');
  if (!kind.isFile()) return refused('is not a regular file: refused');
  const text = await readCapped(file);
  if (typeof text !== 'string') return refused(text.problem);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused('is not valid JSON');
  }
  const checked = checkRecording(value);
  if (!checked.ok) return checked;
  if (!vendors.includes(checked.recording.vendor)) return refused(`names vendor ${checked.recording.vendor}, which this server does not serve`);
  return checked;
}

/** The file's text; opened without following links or waiting on a FIFO, and only when small enough. */
async function readCapped(file: string): Promise<string | { problem: string }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symbolic link: refused' : 'cannot be opened' };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { problem: 'is not a regular file: refused' };
    if (stat.size > MAX_RECORDING_FILE_BYTES) return { problem: `is larger than ${MAX_RECORDING_FILE_BYTES} bytes` };
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { problem: 'is not UTF-8 text' };
    }
  } catch {
    return { problem: 'cannot be read' };
  } finally {
    await handle.close();
  }
}
