/**
 * Every wait a provider can ask for is capped at MAX_PROVIDER_WAIT_MS (issue 13 item 7): one
 * header must not park a credential, and the sync run waiting on it, for decades. One test per
 * place a wait comes from: Retry-After as seconds and as a date, each provider's reset header,
 * Linear's GraphQL RATELIMITED error, and a state another instance stored.
 */
import { logger } from "firebase-functions";
import { z } from "zod";
import { RateLimitedError } from "../../../src/http/errors";
import { graphqlRequest } from "../../../src/http/graphql";
import { MAX_PROVIDER_WAIT_MS, capWait, describeWait, isCapped } from "../../../src/http/rate-limit";
import { getRateLimitState } from "../../../src/http/rate-limit-registry";
import { GITHUB, MemoryStore, POLICIES, T0, T0_SECONDS, TOKEN, script, useHarness } from "./helpers";

const ok = z.object({ ok: z.literal(true) });
const HOUR = 3_600_000;
const CAPPED_AT = new Date(T0 + MAX_PROVIDER_WAIT_MS);

const h = useHarness();
let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(logger, "warn").mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

async function rateLimited(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

/** The log line says which provider and how long, never a token or a header value beside the numbers. */
function expectCappedLog(provider: string, source: string, requestedMs: number): void {
  expect(warn).toHaveBeenCalledWith("provider wait capped", expect.objectContaining({ provider, source, requestedMs, cappedMs: MAX_PROVIDER_WAIT_MS }));
  expect(JSON.stringify(warn.mock.calls)).not.toContain(TOKEN);
}

describe("the cap itself", () => {
  it("is one hour", () => {
    expect(MAX_PROVIDER_WAIT_MS).toBe(HOUR);
  });

  it("keeps a wait within the cap and shortens a longer one, remembering what was asked", () => {
    expect(capWait(90_000)).toEqual({ ms: 90_000, requestedMs: 90_000 });
    expect(isCapped(capWait(HOUR))).toBe(false);
    expect(capWait(999_999_999_000)).toEqual({ ms: HOUR, requestedMs: 999_999_999_000 });
    expect(isCapped(capWait(Infinity))).toBe(true);
  });

  it("describes waits for people", () => {
    expect(describeWait(45_000)).toBe("45 s");
    expect(describeWait(12 * 60_000)).toBe("12 min");
    expect(describeWait(HOUR)).toBe("1 h");
    expect(describeWait(3 * HOUR + 5 * 60_000)).toBe("3 h 5 min");
    expect(describeWait(999_999_999_000)).toBe("11574 days");
    expect(describeWait(Infinity)).toBe("an unbounded time");
  });
});

describe("HttpClient caps", () => {
  it("Retry-After in delay-seconds (999999999): the error, the shared state and the store all end an hour ahead", async () => {
    const store = new MemoryStore();
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "999999999" } }]);
    const error = await rateLimited(h.makeClient({ rateLimitStore: store }).request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(999_999_999_000);
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: CAPPED_AT });
    expect(store.saves).toEqual([{ key: "integration-1", state: { remaining: 0, resetAt: CAPPED_AT } }]);
    expect(h.clock.sleeps).toEqual([]);
    expectCappedLog("github", "retry-after", 999_999_999_000);
  });

  it("Retry-After as an HTTP date decades ahead", async () => {
    const date = new Date(Date.UTC(2058, 0, 1));
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": date.toUTCString() } }]);
    const error = await rateLimited(h.client.request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(date.getTime() - T0);
    expectCappedLog("github", "retry-after", date.getTime() - T0);
  });

  it("an absurdly long Retry-After (more digits than a number holds) as an unbounded request, still an hour", async () => {
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "9".repeat(400) } }]);
    const error = await rateLimited(h.client.request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(Infinity);
  });

  it("does not touch a Retry-After within the hour", async () => {
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "1800" } }]);
    const error = await rateLimited(h.client.request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(new Date(T0 + 1_800_000));
    expect(error.requestedWaitMs).toBe(1_800_000);
    expect(warn).not.toHaveBeenCalled();
  });

  it("GitHub's x-ratelimit-reset (epoch seconds) five hours ahead on a spent 403", async () => {
    const store = new MemoryStore();
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 5 * 3600) };
    script(h.mock, GITHUB, [{ status: 403, headers, body: { message: "API rate limit exceeded" } }]);
    const error = await rateLimited(h.makeClient({ rateLimitStore: store }).request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(5 * HOUR);
    expect(store.saves).toEqual([{ key: "integration-1", state: { remaining: 0, resetAt: CAPPED_AT } }]);
    expectCappedLog("github", "reset header", 5 * HOUR);
  });

  it("ClickUp's X-RateLimit-Reset (epoch seconds) three hours ahead on a 429", async () => {
    const CLICKUP = "https://api.clickup.com";
    const client = h.makeClient({ provider: "clickup", baseUrl: CLICKUP, policy: POLICIES.clickup, headers: { Authorization: TOKEN } });
    const headers = { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 3 * 3600) };
    script(h.mock, CLICKUP, [{ status: 429, headers }]);
    const error = await rateLimited(client.request({ method: "GET", path: "/api/v2/team", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(3 * HOUR);
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: CAPPED_AT });
    expectCappedLog("clickup", "reset header", 3 * HOUR);
  });

  it("Plane's X-RateLimit-Reset on a response that still succeeds: the recorded budget resets within the hour", async () => {
    const PLANE = "https://api.plane.so";
    const client = h.makeClient({ provider: "plane", baseUrl: PLANE, policy: POLICIES.plane, headers: { "X-API-Key": TOKEN } });
    script(h.mock, PLANE, [{ status: 200, body: { ok: true }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 20 * 3600) } }]);
    await client.request({ method: "GET", path: "/api/v1/x", schema: ok });
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: CAPPED_AT });
    expectCappedLog("plane", "reset header", 20 * HOUR);
  });

  it("Linear's x-ratelimit-requests-reset in milliseconds, on an HTTP 429", async () => {
    const LINEAR = "https://api.linear.app";
    const client = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear, headers: { Authorization: TOKEN } });
    script(h.mock, LINEAR, [{ status: 429, headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(T0 + 2 * HOUR) } }]);
    const error = await rateLimited(client.request({ method: "POST", path: "/graphql", schema: ok, idempotent: true }));
    expect(error.resetAt).toEqual(CAPPED_AT);
    expect(error.requestedWaitMs).toBe(2 * HOUR);
  });

  it("Linear's GraphQL RATELIMITED error on HTTP 200, by its Retry-After and by its reset header", async () => {
    const LINEAR = "https://api.linear.app";
    const client = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear, headers: { Authorization: TOKEN } });
    const body = { data: null, errors: [{ message: "Rate limit exceeded", extensions: { type: "ratelimited", code: "RATELIMITED" } }] };
    script(h.mock, LINEAR, [
      { status: 200, body, headers: { "retry-after": "999999999" } },
      { status: 200, body, headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(T0_SECONDS + 4 * 3600) } },
    ]);
    const call = () => graphqlRequest(client, { path: "/graphql", query: "query Me { viewer { id } }", schema: z.object({}), operation: "viewer" });
    const byRetryAfter = await rateLimited(call());
    expect(byRetryAfter.resetAt).toEqual(CAPPED_AT);
    expect(byRetryAfter.requestedWaitMs).toBe(999_999_999_000);
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: CAPPED_AT });
    expectCappedLog("linear", "retry-after", 999_999_999_000);

    h.clock.advance(MAX_PROVIDER_WAIT_MS); // the first one's hour is over
    const byReset = await rateLimited(call());
    expect(byReset.resetAt).toEqual(new Date(T0 + 2 * MAX_PROVIDER_WAIT_MS));
    expect(byReset.requestedWaitMs).toBe(3 * HOUR);
  });

  it("a state another instance stored decades ahead (before the cap existed) holds requests back an hour at most", async () => {
    const store = new MemoryStore({ "integration-1": { remaining: 0, resetAt: new Date(Date.UTC(2058, 0, 1)) } });
    const error = await rateLimited(h.makeClient({ rateLimitStore: store }).request({ method: "GET", path: "/x", schema: ok }));
    expect(error.resetAt).toEqual(CAPPED_AT);
  });
});
