import { CLOCK_START, FakeClock } from "@taskbridge/simulators";
import { MockAgent } from "undici";
import type { MockInterceptor } from "undici/types/mock-interceptor";
import { HttpClient, resetRateLimitStates } from "../../../src/http/client";
import type { HttpClientOptions, RateLimitPolicy, RateLimitState, RateLimitStore } from "../../../src/http/types";

/** 2026-01-01T00:00:00Z, where a FakeClock starts: a fixed "now" so reset times are easy to read. */
export const T0 = CLOCK_START;
export const T0_SECONDS = T0 / 1000;

export const TOKEN = "ghp_S3cretTokenValue1234567890";

/** Header names and units as shared/providers.md gives them. */
export const POLICIES = {
  github: { remainingHeader: "x-ratelimit-remaining", resetHeader: "x-ratelimit-reset", resetUnit: "epoch_seconds", slowdownBelow: 10 },
  plane: { remainingHeader: "X-RateLimit-Remaining", resetHeader: "X-RateLimit-Reset", resetUnit: "epoch_seconds", slowdownBelow: 5 },
  clickup: { remainingHeader: "X-RateLimit-Remaining", resetHeader: "X-RateLimit-Reset", resetUnit: "epoch_seconds", slowdownBelow: 5 },
  linear: { remainingHeader: "x-ratelimit-requests-remaining", resetHeader: "x-ratelimit-requests-reset", resetUnit: "epoch_auto", slowdownBelow: 10 },
  asana: { remainingHeader: null, resetHeader: null, resetUnit: "epoch_seconds", slowdownBelow: 0 },
} satisfies Record<string, RateLimitPolicy>;

/** A store that records what the client asks of it. */
export class MemoryStore implements RateLimitStore {
  loads: string[] = [];
  saves: Array<{ key: string; state: RateLimitState }> = [];
  constructor(private stored: Record<string, RateLimitState | null> = {}) {}
  async load(key: string): Promise<RateLimitState | null> {
    this.loads.push(key);
    return this.stored[key] ?? null;
  }
  async save(key: string, state: RateLimitState): Promise<void> {
    this.saves.push({ key, state });
  }
}

export const GITHUB = "https://api.github.com";

export interface Harness {
  mock: MockAgent;
  clock: FakeClock;
  client: HttpClient;
  /** A new client on the same mock and clock (e.g. another worker task for the same credential). */
  makeClient(overrides?: Partial<HttpClientOptions>): HttpClient;
}

/** A client wired to a MockAgent that refuses real connections, a fake clock and a fixed random. */
export function harness(overrides: Partial<HttpClientOptions> = {}): Harness {
  const mock = new MockAgent();
  mock.disableNetConnect();
  const clock = new FakeClock();
  const makeClient = (more: Partial<HttpClientOptions> = {}): HttpClient =>
    new HttpClient({
      provider: "github",
      baseUrl: GITHUB,
      headers: { Authorization: `Bearer ${TOKEN}`, "X-GitHub-Api-Version": "2022-11-28" },
      policy: POLICIES.github,
      rateLimitKey: "integration-1",
      dispatcher: mock,
      clock,
      random: () => 0.5,
      ...overrides,
      ...more,
    });
  return { mock, clock, client: makeClient(), makeClient };
}

/**
 * Registers the per-test lifecycle (fresh rate-limit state and harness before each test; no
 * unanswered interceptors after it) and returns a view that always reads the current harness.
 */
export function useHarness(): Harness {
  let current: Harness | undefined;
  beforeEach(() => {
    resetRateLimitStates();
    current = harness();
  });
  afterEach(async () => {
    current!.mock.assertNoPendingInterceptors();
    await current!.mock.close();
  });
  return {
    get mock() {
      return current!.mock;
    },
    get clock() {
      return current!.clock;
    },
    get client() {
      return current!.client;
    },
    makeClient: (overrides) => current!.makeClient(overrides),
  };
}

export interface Seen {
  method: string;
  path: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Answers the next request(s) to `origin` in order with `replies`, recording each request.
 * Bodies that are not strings are sent as JSON.
 */
export function script(mock: MockAgent, origin: string, replies: Reply[]): Seen[] {
  const seen: Seen[] = [];
  const pool = mock.get(origin);
  for (const reply of replies) {
    pool
      .intercept({ path: () => true, method: () => true })
      .reply((opts: MockInterceptor.MockResponseCallbackOptions) => {
        seen.push({
          method: opts.method,
          path: opts.path,
          url: new URL(opts.path, origin),
          headers: Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
          body: typeof opts.body === "string" ? opts.body : undefined,
        });
        const data = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        return { statusCode: reply.status, data, responseOptions: { headers: reply.headers ?? {} } };
      });
  }
  return seen;
}
