/**
 * `serve --replay` on the Node server: the body of a request a recording could answer is read
 * (up to the body cap of `serve`), replay answers it, or the request falls through to the
 * stateful mock's listener with its body replayed. Requests no recording could answer (every
 * `/__cardmock` path among them) go straight through, unread.
 */
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { MAX_BODY_BYTES, write } from '../adapters/node-io.ts';
import type { Replay } from './replay-answer.ts';

export function replayListener(replay: Replay, fallThrough: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    if (!replay.mayAnswer(method, url)) return fallThrough(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    const handOver = (ended: boolean) => {
      // The mock reads the body again: what was read here, then the rest as it comes.
      req.off('data', onData).off('end', onEnd);
      const body = new PassThrough();
      for (const chunk of chunks) body.write(chunk);
      if (ended) body.end();
      else req.pipe(body).on('error', () => undefined);
      req.on('error', (error) => body.destroy(error));
      fallThrough(Object.assign(body, { method: req.method, url: req.url, headers: req.headers, socket: req.socket }) as unknown as http.IncomingMessage, res);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // No recorded body is larger: the mock answers this one (with its own 400 for the size).
      if (size > MAX_BODY_BYTES) handOver(false);
    };
    const onEnd = () => {
      const answer = replay.answer({ method, url, body: size > 0 ? Buffer.concat(chunks) : undefined });
      if (!answer) return handOver(true);
      try {
        write(res, answer);
      } catch {
        // A recorded header Node will not send after all: no answer rather than a crash.
        res.destroy();
      }
    };
    req.on('data', onData).on('end', onEnd).on('error', () => res.destroy());
  };
}

/** Put replay in front of a running server's listener, without touching the adapter. */
export function installReplay(server: http.Server, replay: Replay): void {
  const [original] = server.listeners('request') as http.RequestListener[];
  if (!original) throw new Error('the server has no request listener to fall through to');
  server.removeAllListeners('request');
  server.on('request', replayListener(replay, original));
}
