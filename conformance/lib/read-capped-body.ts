/**
 * Reads a response body up to a size cap and stops the transfer beyond it, so one huge answer
 * cannot exhaust the runner's memory (a 2 GB answer once drove conform to 1.46 GB RSS).
 */
import { RequestFailed } from './request-failure.ts';

/** Default cap: far above any documented answer of the five vendors, far below trouble. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export async function readCappedBody(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new RequestFailed(
      `response body larger than ${maxBytes} bytes; stopped reading`,
      `The target sent a far larger answer than any documented one (the cap is the target's maxResponseBytes, default ${DEFAULT_MAX_RESPONSE_BYTES} bytes).`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}
