/**
 * Why a request got no usable answer, with a hint that names the real cause. undici reports every
 * network failure as `TypeError: fetch failed` and puts the reason in `cause.code`; a report that
 * said "connection refused" for an oversized header sent people looking in the wrong place.
 */

export class RequestFailed extends Error {
  constructor(
    message: string,
    /** What to look at, for the failure report. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'RequestFailed';
  }
}

interface FailureContext {
  url: string;
  timeoutMs: number;
}

const byCode: Record<string, (c: FailureContext) => [string, string]> = {
  ECONNREFUSED: (c) => [`connection refused by ${c.url}`, 'Nothing listens there: is the target running, and are --base-url and the port right?'],
  ECONNRESET: (c) => [`connection reset by ${c.url}`, 'The target closed the connection mid-request: look at its logs (a crash or a proxy cutting requests).'],
  UND_ERR_SOCKET: (c) => [`connection closed by ${c.url} before the answer ended`, 'The target closed the connection mid-answer: look at its logs.'],
  ENOTFOUND: (c) => [`host of ${c.url} not found (DNS)`, 'The host name does not resolve: check --base-url.'],
  EAI_AGAIN: (c) => [`host of ${c.url} could not be resolved right now (DNS)`, 'DNS is unreachable or slow: check the network or use an IP address.'],
  UND_ERR_CONNECT_TIMEOUT: (c) => [`connecting to ${c.url} timed out`, 'No connection within the connect time-out: a firewall or the wrong host.'],
  UND_ERR_HEADERS_OVERFLOW: () => [
    'response headers larger than the 16 KB Node accepts',
    'The target answered with oversized headers (Node refuses more than --max-http-header-size, default 16 KB): a misbehaving server or proxy.',
  ],
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: () => ['response body shorter or longer than its Content-Length', 'The target sent a wrong Content-Length.'],
  DEPTH_ZERO_SELF_SIGNED_CERT: (c) => [`self-signed TLS certificate at ${c.url}`, 'Trust the certificate (NODE_EXTRA_CA_CERTS) or use the vendor sandbox host.'],
  CERT_HAS_EXPIRED: (c) => [`expired TLS certificate at ${c.url}`, 'The target certificate has expired.'],
};

/** Turns what `fetch` threw into a RequestFailed with an accurate message and hint. */
export function describeFetchError(error: unknown, context: FailureContext): RequestFailed {
  if (error instanceof RequestFailed) return error;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new RequestFailed(
      `timeout: no complete answer from ${context.url} within ${context.timeoutMs} ms`,
      'The target is slow or silent: raise --timeout, or lower --concurrency if it rate-limits.',
    );
  }
  const cause = error instanceof Error ? (error.cause as (Error & { code?: string }) | undefined) : undefined;
  const describe = cause?.code ? byCode[cause.code] : undefined;
  if (describe) {
    const [message, hint] = describe(context);
    return new RequestFailed(`${message} (${cause!.code})`, hint);
  }
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new RequestFailed(`request to ${context.url} failed: ${detail}${cause?.code ? ` (${cause.code})` : ''}`, 'The request did not complete; the message above is what the network layer reported.');
}
