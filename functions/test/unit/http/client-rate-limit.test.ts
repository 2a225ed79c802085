import { z } from "zod";
import { resetRateLimitStates } from "../../../src/http/client";
import { RateLimitedError } from "../../../src/http/errors";
import { getRateLimitState } from "../../../src/http/rate-limit-registry";
import type { RateLimitState } from "../../../src/http/types";
import { GITHUB, MemoryStore, POLICIES, T0, T0_SECONDS, script, useHarness } from "./helpers";

const ok = z.object({ ok: z.literal(true) });
const PLANE = "https://api.plane.so";

/** GitHub-style budget headers: `remaining` requests left, reset `inSeconds` after T0. */
function budget(remaining: number, inSeconds: number): Record<string, string> {
  return { "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String(T0_SECONDS + inSeconds) };
}

const h = useHarness();

describe("HttpClient pacing before the limit", () => {
  it("does not slow down while the budget is at or above the threshold", async () => {
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(10, 40) },
      { status: 200, body: { ok: true }, headers: budget(9, 40) },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([]);
  });

  it("spreads the rest of the window over the remaining requests once below the threshold", async () => {
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(3, 40) },
      { status: 200, body: { ok: true }, headers: budget(2, 40) },
      { status: 200, body: { ok: true }, headers: budget(1, 40) },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    await h.client.request({ method: "GET", path: "/x", schema: ok }); // 40 s left, 3 requests: 40/4
    await h.client.request({ method: "GET", path: "/x", schema: ok }); // 30 s left, 2 requests: 30/3
    expect(h.clock.sleeps).toEqual([10_000, 10_000]);
  });

  it("waits for the reset before the next request when the last response said the budget is spent", async () => {
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(0, 20) },
      { status: 200, body: { ok: true }, headers: budget(59, 80) },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([20_000]);
    expect(seen).toHaveLength(2);
  });

  it("does not wait once the window has reset", async () => {
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(0, 20) },
      { status: 200, body: { ok: true } },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    h.clock.advance(21_000);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([]);
  });

  it("throws RateLimitedError without sending when the pacing wait is longer than maxWaitMs", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { ok: true }, headers: budget(1, 3600) }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    const error = await h.client.request({ method: "GET", path: "/repos/o/r", schema: ok }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    // Half the hour for the one request left.
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 1_800_000));
    expect((error as RateLimitedError).status).toBeNull();
    expect((error as RateLimitedError).operation).toBe("GET /repos/o/r");
    expect(seen).toHaveLength(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("lets a request re-enqueued for its paced time go then, rather than pacing it again from the new now", async () => {
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(1, 3600) },
      { status: 200, body: { ok: true }, headers: budget(0, 3600) },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    const error = (await h.client.request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e)) as RateLimitedError;
    expect(error.resetAt).toEqual(new Date(T0 + 1_800_000));
    // The worker checkpoints and comes back at resetAt (in this instance, with a new client).
    h.clock.advance(error.resetAt.getTime() - h.clock.now());
    await h.makeClient().request({ method: "GET", path: "/x", schema: ok });
    expect(seen).toHaveLength(2);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("paces on Plane's threshold (below 5) and header names", async () => {
    const plane = h.makeClient({ provider: "plane", baseUrl: PLANE, policy: POLICIES.plane });
    script(h.mock, PLANE, [
      { status: 200, body: { ok: true }, headers: { "X-RateLimit-Remaining": "5", "X-RateLimit-Reset": String(T0_SECONDS + 60) } },
      { status: 200, body: { ok: true }, headers: { "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": String(T0_SECONDS + 60) } },
      { status: 200, body: { ok: true } },
    ]);
    await plane.request({ method: "GET", path: "/x", schema: ok });
    await plane.request({ method: "GET", path: "/x", schema: ok }); // 5 left: no wait
    await plane.request({ method: "GET", path: "/x", schema: ok }); // 4 left, 60 s: 60/5
    expect(h.clock.sleeps).toEqual([12_000]);
  });

  it("counts a request in flight, so concurrent requests do not all spend the same last slots", async () => {
    const plane = h.makeClient({ provider: "plane", baseUrl: PLANE, policy: POLICIES.plane });
    script(h.mock, PLANE, [
      { status: 200, body: { ok: true }, headers: { "X-RateLimit-Remaining": "5", "X-RateLimit-Reset": String(T0_SECONDS + 60) } },
      { status: 200, body: { ok: true } },
      { status: 200, body: { ok: true } },
    ]);
    await plane.request({ method: "GET", path: "/x", schema: ok });
    await Promise.all([plane.request({ method: "GET", path: "/x", schema: ok }), plane.request({ method: "GET", path: "/x", schema: ok })]);
    // The first goes at once (5 left); the second decides with 4 left: 60 s / 5.
    expect(h.clock.sleeps).toEqual([12_000]);
  });
});

describe("HttpClient rate-limit state per credential", () => {
  it("is shared by every client for the same key in this process", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { ok: true }, headers: budget(0, 3600) }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    const sameCredential = h.makeClient();
    const error = await sameCredential.request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 3_600_000));
    expect(seen).toHaveLength(1);
  });

  it("is not shared with another credential", async () => {
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(0, 3600) },
      { status: 200, body: { ok: true } },
    ]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    await h.makeClient({ rateLimitKey: "integration-2" }).request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([]);
  });

  it("records a 429's Retry-After as a spent budget, so the next request waits too", async () => {
    const client = h.makeClient({ maxAttempts: 1 });
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "10" } }, { status: 200, body: { ok: true } }]);
    await expect(client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(RateLimitedError);
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: new Date(T0 + 10_000) });
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([10_000]);
  });

  it("is forgotten by resetRateLimitStates", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: { ok: true }, headers: budget(0, 3600) }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(getRateLimitState("integration-1")).not.toBeNull();
    resetRateLimitStates();
    expect(getRateLimitState("integration-1")).toBeNull();
  });
});

describe("HttpClient with a RateLimitStore", () => {
  it("loads once per key per process, before the first request, however many clients and requests", async () => {
    const store = new MemoryStore();
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true } },
      { status: 200, body: { ok: true } },
      { status: 200, body: { ok: true } },
    ]);
    const a = h.makeClient({ rateLimitStore: store });
    const b = h.makeClient({ rateLimitStore: store });
    await Promise.all([a.request({ method: "GET", path: "/x", schema: ok }), b.request({ method: "GET", path: "/x", schema: ok })]);
    await a.request({ method: "GET", path: "/x", schema: ok });
    expect(store.loads).toEqual(["integration-1"]);
  });

  it("honours a spent state another instance recorded", async () => {
    const store = new MemoryStore({ "integration-1": { remaining: 0, resetAt: new Date(T0 + 15_000) } });
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { ok: true } }]);
    await h.makeClient({ rateLimitStore: store }).request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([15_000]);
    expect(seen).toHaveLength(1);
  });

  it("throws RateLimitedError at once when the recorded reset is further than maxWaitMs", async () => {
    const store = new MemoryStore({ "integration-1": { remaining: 0, resetAt: new Date(T0 + 600_000) } });
    const error = await h.makeClient({ rateLimitStore: store }).request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 600_000));
  });

  it("ignores a recorded state whose window has already reset, or that is malformed", async () => {
    for (const stored of [{ remaining: 0, resetAt: new Date(T0 - 1) }, { remaining: -3, resetAt: "tomorrow" } as unknown as RateLimitState]) {
      resetRateLimitStates();
      script(h.mock, GITHUB, [{ status: 200, body: { ok: true } }]);
      await h.makeClient({ rateLimitStore: new MemoryStore({ "integration-1": stored }) }).request({ method: "GET", path: "/x", schema: ok });
    }
    expect(h.clock.sleeps).toEqual([]);
  });

  it("goes on when the store fails to load or save (the state is advisory)", async () => {
    const failing = {
      load: jest.fn(async () => {
        throw new Error("firestore unavailable");
      }),
      save: jest.fn(async () => {
        throw new Error("firestore unavailable");
      }),
    };
    script(h.mock, GITHUB, [{ status: 200, body: { ok: true }, headers: budget(0, 5) }]);
    await expect(h.makeClient({ rateLimitStore: failing }).request({ method: "GET", path: "/x", schema: ok })).resolves.toBeDefined();
    expect(failing.save).toHaveBeenCalledTimes(1);
  });

  it("saves only when the budget is low or spent, never on every request", async () => {
    const store = new MemoryStore();
    const client = h.makeClient({ rateLimitStore: store });
    script(h.mock, GITHUB, [
      { status: 200, body: { ok: true }, headers: budget(4000, 30) },
      { status: 200, body: { ok: true }, headers: budget(10, 30) },
      { status: 200, body: { ok: true }, headers: budget(9, 30) },
      { status: 200, body: { ok: true }, headers: budget(0, 30) },
    ]);
    await client.request({ method: "GET", path: "/x", schema: ok });
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(store.saves).toEqual([]); // 10 left is not below the threshold of 10
    await client.request({ method: "GET", path: "/x", schema: ok });
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(store.saves).toEqual([
      { key: "integration-1", state: { remaining: 9, resetAt: new Date(T0 + 30_000) } },
      { key: "integration-1", state: { remaining: 0, resetAt: new Date(T0 + 30_000) } },
    ]);
    expect(h.clock.sleeps).toEqual([3000]); // the fourth request was paced: 30 s / (9 + 1)
  });

  it("saves a 429 that reports its spent budget in headers once, not twice", async () => {
    const store = new MemoryStore();
    const client = h.makeClient({ rateLimitStore: store, maxAttempts: 1 });
    script(h.mock, GITHUB, [{ status: 429, headers: budget(0, 3600) }]);
    await expect(client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(RateLimitedError);
    expect(store.saves).toEqual([{ key: "integration-1", state: { remaining: 0, resetAt: new Date(T0 + 3_600_000) } }]);
  });

  it("saves a spent budget, including one learnt from a 429's Retry-After", async () => {
    const store = new MemoryStore();
    const client = h.makeClient({ rateLimitStore: store, maxAttempts: 1 });
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "90" } }]);
    await expect(client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(RateLimitedError);
    expect(store.saves).toEqual([{ key: "integration-1", state: { remaining: 0, resetAt: new Date(T0 + 90_000) } }]);
  });
});
