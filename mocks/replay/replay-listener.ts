/**
 * `serve --replay <dir>`: a recorded request (same vendor, method, path, query and body; redacted
 * credentials match anything) is answered with its recorded response, byte for byte; anything else
 * falls through to the stateful mock. The same request recorded several times (bind, then bind
 * again) is answered in recorded order, and its last answer repeats.
 */
import type http from 'node:http';
import { Readable } from 'node:stream';
import { sameBody, type RecordedExchange } from './recording.ts';

export const REPLAY_HEADER = 'x-cardmock-replay';

/** Headers that describe the recorded connection, not the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

export function replayListener(recordings: RecordedExchange[], fallThrough: http.RequestListener): http.RequestListener {
  // How often each recorded request was answered, keyed by its first recording.
  const served = new Map<number, number>();
  const candidates = (method: string, url: string) => recordings.filter((r) => r.request.method === method && `/${r.vendor}${r.request.url}` === url);
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.length ? raw.toString('utf8') : undefined;
      const matching = candidates(req.method ?? 'GET', req.url ?? '/').filter((r) => sameBody(r.request.body, body));
      if (matching.length === 0) {
        // The body was read here: hand the mock a request that replays it.
        const replayed = Object.assign(Readable.from(raw.length ? [raw] : []), { method: req.method, url: req.url, headers: req.headers, socket: req.socket });
        fallThrough(replayed as unknown as http.IncomingMessage, res);
        return;
      }
      const key = matching[0]!.n;
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      const recorded = matching[Math.min(index, matching.length - 1)]!;
      const headers = Object.fromEntries(Object.entries(recorded.response.headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
      const payload = Buffer.from(recorded.response.body, 'utf8');
      res.writeHead(recorded.response.status, { ...headers, 'content-length': payload.length, [REPLAY_HEADER]: String(recorded.n) });
      res.end(payload);
    });
  };
}

/** Put replay in front of a running server's listener, without touching the adapter. */
export function installReplay(server: http.Server, recordings: RecordedExchange[]): void {
  const [original] = server.listeners('request') as http.RequestListener[];
  if (!original) throw new Error('the server has no request listener to fall through to');
  server.removeAllListeners('request');
  server.on('request', replayListener(recordings, original));
}
