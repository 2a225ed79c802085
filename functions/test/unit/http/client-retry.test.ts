import { errors as undiciErrors } from "undici";
import { z } from "zod";
import { NetworkError, NotFoundError, RateLimitedError, ServerError } from "../../../src/http/errors";
import { GITHUB, T0, T0_SECONDS, script, useHarness } from "./helpers";

const ok = z.object({ ok: z.literal(true) });

const h = useHarness();

/** A random source that hands out the given values in turn. */
function randoms(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe("HttpClient retries", () => {
  it("retries a 429 with exponential backoff and full jitter, then succeeds", async () => {
    const client = h.makeClient({ random: randoms(0.1, 0.9) });
    const seen = script(h.mock, GITHUB, [{ status: 429 }, { status: 429 }, { status: 200, body: { ok: true } }]);
    const res = await client.request({ method: "GET", path: "/x", schema: ok });
    expect(res.data).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    // random() * min(cap, 500 * 2^attempt): 0.1 * 500, then 0.9 * 1000.
    expect(h.clock.sleeps).toEqual([50, 900]);
  });

  it("doubles the backoff ceiling per attempt and honours backoffBaseMs", async () => {
    const client = h.makeClient({ random: () => 0.999, backoffBaseMs: 1000, maxAttempts: 4 });
    script(h.mock, GITHUB, [{ status: 502 }, { status: 502 }, { status: 502 }, { status: 200, body: { ok: true } }]);
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([999, 1998, 3996]);
  });

  it("caps the backoff at maxWaitMs, so a backoff never becomes a RateLimitedError", async () => {
    const client = h.makeClient({ random: () => 0.5, backoffBaseMs: 10_000, maxWaitMs: 12_000 });
    script(h.mock, GITHUB, [{ status: 500 }, { status: 500 }, { status: 200, body: { ok: true } }]);
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([5000, 6000]);
  });

  it("waits what Retry-After says (seconds) instead of backing off", async () => {
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "3" } }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([3000]);
  });

  it("waits until a Retry-After HTTP date", async () => {
    const at = new Date(T0 + 7000).toUTCString();
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": at } }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([7000]);
  });

  it("waits until the policy's reset header when a 429 says the budget is spent (ClickUp)", async () => {
    const spent = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 20) };
    script(h.mock, GITHUB, [{ status: 429, headers: spent }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    // The wait happens once: after it, the recorded state's reset has passed and pacing adds nothing.
    expect(h.clock.sleeps).toEqual([20_000]);
  });

  it("retries a 403 rate limit (GitHub secondary limit with retry-after)", async () => {
    script(h.mock, GITHUB, [{ status: 403, body: { message: "secondary" }, headers: { "retry-after": "5" } }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([5000]);
  });

  it("does not sleep a wait longer than maxWaitMs: it throws RateLimitedError with the reset time at once", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "120" } }]);
    const error = await h.client.request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 120_000));
    expect((error as RateLimitedError).status).toBe(429);
    expect(h.clock.sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it("treats maxWaitMs as the bound: exactly maxWaitMs is slept, a millisecond more is not", async () => {
    const client = h.makeClient({ maxWaitMs: 5000 });
    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "5" } }, { status: 200, body: { ok: true } }]);
    await client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([5000]);

    script(h.mock, GITHUB, [{ status: 429, headers: { "retry-after": "5.001" } }]);
    await expect(client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("throws RateLimitedError when a spent GitHub limit resets in an hour", async () => {
    const spent = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 3600) };
    script(h.mock, GITHUB, [{ status: 403, body: { message: "API rate limit exceeded" }, headers: spent }]);
    const error = await h.client.request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 3_600_000));
    expect(h.clock.sleeps).toEqual([]);
  });

  it("retries a 5xx and throws ServerError after maxAttempts (default 4)", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 500, body: { message: "boom" } }]);
    const error = await h.client.request({ method: "GET", path: "/x", schema: ok }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
    expect((error as ServerError).providerMessage).toBe("boom");
    expect(seen).toHaveLength(4);
    expect(h.clock.sleeps).toEqual([250, 500, 1000]);
  });

  it("honours a smaller maxAttempts", async () => {
    const client = h.makeClient({ maxAttempts: 2 });
    const seen = script(h.mock, GITHUB, [{ status: 500 }, { status: 500 }]);
    await expect(client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(2);
  });

  it("throws RateLimitedError after maxAttempts of 429s", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 429 }, { status: 429 }, { status: 429 }, { status: 429 }]);
    await expect(h.client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(RateLimitedError);
    expect(seen).toHaveLength(4);
  });

  it("follows a 503's Retry-After", async () => {
    script(h.mock, GITHUB, [{ status: 503, headers: { "retry-after": "2" } }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "GET", path: "/x", schema: ok });
    expect(h.clock.sleeps).toEqual([2000]);
  });

  it("does not retry other 4xx", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 404 }]);
    await expect(h.client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(NotFoundError);
    expect(seen).toHaveLength(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("retries network errors, then succeeds", async () => {
    const pool = h.mock.get(GITHUB);
    pool.intercept({ path: "/x" }).replyWithError(new undiciErrors.SocketError("closed"));
    pool.intercept({ path: "/x" }).replyWithError(new undiciErrors.BodyTimeoutError());
    pool.intercept({ path: "/x" }).reply(200, { ok: true });
    await expect(h.client.request({ method: "GET", path: "/x", schema: ok })).resolves.toMatchObject({ data: { ok: true } });
    expect(h.clock.sleeps).toEqual([250, 500]);
  });

  it("throws NetworkError after maxAttempts of network errors", async () => {
    h.mock.get(GITHUB).intercept({ path: "/x" }).replyWithError(new undiciErrors.HeadersTimeoutError()).times(4);
    await expect(h.client.request({ method: "GET", path: "/x", schema: ok })).rejects.toBeInstanceOf(NetworkError);
    expect(h.clock.sleeps).toHaveLength(3);
  });
});

describe("HttpClient retries of writes that are not idempotent", () => {
  it("does not repeat a POST after a 5xx (the comment may exist already)", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 502 }]);
    await expect(h.client.request({ method: "POST", path: "/x", json: {}, schema: ok })).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });

  it("does not repeat a PATCH after a dropped socket", async () => {
    h.mock.get(GITHUB).intercept({ path: "/x", method: "PATCH" }).replyWithError(new undiciErrors.SocketError("closed"));
    await expect(h.client.request({ method: "PATCH", path: "/x", json: {}, schema: ok })).rejects.toBeInstanceOf(NetworkError);
    expect(h.clock.sleeps).toEqual([]);
  });

  it("repeats a POST whose connection never opened", async () => {
    const pool = h.mock.get(GITHUB);
    pool.intercept({ path: "/x", method: "POST" }).replyWithError(new undiciErrors.ConnectTimeoutError());
    pool.intercept({ path: "/x", method: "POST" }).reply(201, { ok: true });
    await expect(h.client.request({ method: "POST", path: "/x", json: {}, schema: ok })).resolves.toMatchObject({ status: 201 });
  });

  it("repeats a POST after a 429 (the provider did not process it)", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 429 }, { status: 201, body: { ok: true } }]);
    await h.client.request({ method: "POST", path: "/x", json: {}, schema: ok });
    expect(seen).toHaveLength(2);
  });

  it("repeats a POST marked idempotent (a GraphQL query) after a 5xx", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 500 }, { status: 200, body: { ok: true } }]);
    await h.client.request({ method: "POST", path: "/x", json: {}, schema: ok, idempotent: true });
    expect(seen).toHaveLength(2);
  });
});
