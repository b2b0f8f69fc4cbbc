/**
 * What one session may hold, so that one runaway test (or a hostile client) cannot take the
 * server down for everyone: entities per vendor state, bytes of stored request bodies, and how
 * deep a stored body may nest (a body nested thousands deep is accepted by a schema with open
 * objects, and would later overflow the stack when the state is serialised).
 */
import { STATE_BYTES_PER_STORED_BYTE } from './session-pool.ts';
import { DEFAULT_SESSION_BOUNDS, type SessionBounds } from './session.ts';

export interface SessionLimits extends SessionBounds {
  /** Entities (map, set and list entries) one vendor state of a session may hold. */
  maxEntities: number;
  /** Bytes (UTF-8) of request bodies (fixtures, accepted vendor requests) one session may store. */
  maxStoredBytes: number;
  /** How deep a JSON request body may nest. */
  maxBodyDepth: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  ...DEFAULT_SESSION_BOUNDS,
  // Benchmarks seed 100 000 entities per vendor (up to 200 000 map entries) in one session.
  maxEntities: 500_000,
  maxStoredBytes: 128 * 1024 * 1024,
  maxBodyDepth: 32,
};

/** What one session may store: its own limit, and never more than all sessions together may. */
export const storedBytesLimit = (limits: Pick<SessionLimits, 'maxStoredBytes' | 'maxMemoryBytes'>) =>
  Math.min(limits.maxStoredBytes, Math.floor(limits.maxMemoryBytes / STATE_BYTES_PER_STORED_BYTE));

/** The UTF-8 length of a text, without encoding it (limits count bytes, as the wire does). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: two UTF-16 units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Entries of the state's collections, one level down into plain objects (index maps count too). */
export function countEntities(state: unknown): number {
  // Runs on every vendor request: plain loops, no arrays or closures allocated.
  let count = 0;
  if (state === null || typeof state !== 'object') return 0;
  for (const key in state) {
    const value = (state as Record<string, unknown>)[key];
    if (value === null || typeof value !== 'object') continue;
    const size = collectionSize(value);
    if (size >= 0) count += size;
    else for (const inner in value) count += Math.max(0, collectionSize((value as Record<string, unknown>)[inner]));
  }
  return count;
}

/** Entries of a Map, Set or array; -1 for anything else. */
function collectionSize(value: unknown): number {
  if (value instanceof Map || value instanceof Set) return value.size;
  if (Array.isArray(value)) return value.length;
  return -1;
}

/** The deepest nesting of `{`/`[` in JSON text, strings skipped; stops counting past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  // A body with no more openings than the limit cannot nest deeper: counting them is cheaper than
  // the scan (the count, an upper bound of the depth, is then what is returned).
  if (limit !== Infinity) {
    let openings = 0;
    for (let i = text.indexOf('{'); i !== -1 && openings <= limit; i = text.indexOf('{', i + 1)) openings++;
    for (let i = text.indexOf('['); i !== -1 && openings <= limit; i = text.indexOf('[', i + 1)) openings++;
    if (openings <= limit) return openings;
  }
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

export const limitMessage = {
  entities: (max: number) => `this session holds ${max.toLocaleString('en')} entities of this vendor, the limit (--max-entities); reset the session or use another`,
  storedBytes: (max: number) => `this session stores ${max.toLocaleString('en')} bytes of request bodies, the limit (--max-stored-bytes, within --max-memory); reset the session or use another`,
  depth: (max: number) => `nests deeper than ${max} levels`,
};
