/**
 * A target is any implementation the suite can judge: our mocks in process, over MSW or over HTTP,
 * Prism, or a vendor's sandbox given by URL and credentials.
 */
import type { RequestListener } from 'node:http';
import type { FixturePools } from './scenario.ts';

export interface TargetCapabilities {
  /** Speaks cardmock's control API: sessions, fixtures and fault injection (`x-cardmock-fault`). */
  control: boolean;
  /** May change data. Off by default for anything that is not one of our mocks. */
  mutations: boolean;
}

export interface Target {
  name: string;
  /** One of cardmock's own mocks: `x-inferred` parts of the specs are enforced as errors. */
  ownMock: boolean;
  capabilities: TargetCapabilities;
  /** Vendors this target serves; all vendor specs when omitted. */
  vendors?: string[];
  /** Base URL of a vendor (`http://127.0.0.1:4010/pismo`), or an in-process Node listener plus its vendor prefix. */
  base(vendor: string): string | { listener: RequestListener; prefix: string };
  /** Authorization header value for a vendor, if the target needs one. */
  authorization(vendor: string): string | undefined;
  /**
   * Named entities that exist on the target (`unboundCardId` …), per vendor. A list is a pool: each
   * scenario that uses an entity up takes a value of its own (see fixture-pool.ts).
   */
  fixtures(vendor: string): FixturePools;
  /** Where cardmock's control API answers (`/__cardmock/…`), for targets that have one. */
  controlApi?: string | { listener: RequestListener; prefix: string };
  /** Time budget per request, `Retry-After` waits included; default 10 s. */
  timeoutMs?: number;
  /** Largest response body read; longer answers fail the request. Default 8 MB. */
  maxResponseBytes?: number;
  /** Scenarios run at once; default 4. */
  concurrency?: number;
  /** Extra response checks of this target (Prism's `sl-violations`), by name. */
  extraChecks?: import('./checks/check.ts').Check[];
  /**
   * For a target behind an intermediary (a validating proxy): why a response came from the
   * intermediary rather than the implementation, or undefined. A scenario that sends an invalid
   * request on purpose is then not provokable there; any other scenario fails.
   */
  intercepted?(response: import('./http-client.ts').ObservedResponse): string | undefined;
}
