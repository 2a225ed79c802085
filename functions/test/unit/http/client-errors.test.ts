import { errors as undiciErrors } from "undici";
import { z } from "zod";
import { resetRateLimitStates } from "../../../src/http/client";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  ProviderHttpError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from "../../../src/http/errors";
import { GITHUB, T0, T0_SECONDS, TOKEN, harness, script, type Harness, type Reply } from "./helpers";

const anything = z.unknown();

let h: Harness;
beforeEach(() => {
  resetRateLimitStates();
  // One attempt: these tests are about classification, not retries.
  h = harness({ maxAttempts: 1 });
});
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

async function failure(reply: Reply, method: "GET" | "POST" = "GET"): Promise<ProviderHttpError> {
  script(h.mock, GITHUB, [reply]);
  const error = await h.client.request({ method, path: "/repos/o/r/issues?state=all", schema: anything }).catch((e: unknown) => e);
  if (!(error instanceof ProviderHttpError)) throw new Error(`expected a ProviderHttpError, got ${String(error)}`);
  return error;
}

describe("HttpClient status mapping", () => {
  it.each([
    [400, "bad_request", BadRequestError],
    [401, "unauthorized", UnauthorizedError],
    [403, "forbidden", ForbiddenError],
    [404, "not_found", NotFoundError],
    [409, "conflict", ConflictError],
    [410, "not_found", NotFoundError],
    [422, "bad_request", BadRequestError],
    [429, "rate_limited", RateLimitedError],
    [500, "server", ServerError],
    [503, "server", ServerError],
    [405, "bad_request", BadRequestError],
  ] as const)("maps HTTP %i to %s", async (status, kind, type) => {
    const error = await failure({ status, body: { message: "nope" } });
    expect(error).toBeInstanceOf(type);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.provider).toBe("github");
    expect(error.operation).toBe("GET /repos/o/r/issues");
  });

  it("maps a redirect (undici follows none) to InvalidResponseError", async () => {
    const error = await failure({ status: 301, headers: { location: `${GITHUB}/repositories/2/issues` } });
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain("unexpected HTTP 301");
  });

  it("keeps a plain 403 a ForbiddenError even with rate-limit headers that still have budget", async () => {
    const error = await failure({
      status: 403,
      body: { message: "Resource not accessible by integration" },
      headers: { "x-ratelimit-remaining": "4000", "x-ratelimit-reset": String(T0_SECONDS + 600) },
    });
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.providerMessage).toBe("Resource not accessible by integration");
  });

  it("maps a 403 with x-ratelimit-remaining: 0 (GitHub's primary limit) to RateLimitedError at the reset", async () => {
    const error = await failure({
      status: 403,
      body: { message: "API rate limit exceeded for user ID 1." },
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 1200) },
    });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 1_200_000));
  });

  it("maps a 403 with retry-after (GitHub's secondary limit) to RateLimitedError after that delay", async () => {
    const error = await failure({ status: 403, body: { message: "slow down" }, headers: { "retry-after": "60" } });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 60_000));
  });

  it("maps a bare 403 that says 'secondary rate limit' to RateLimitedError a minute ahead", async () => {
    const error = await failure({ status: 403, body: { message: "You have exceeded a secondary rate limit." } });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 60_000));
  });

  it("gives a 429 without any hint a reset a minute ahead once attempts are spent", async () => {
    const error = await failure({ status: 429 });
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 60_000));
  });

  it("marks what is worth retrying later", async () => {
    expect((await failure({ status: 500 })).retryable).toBe(true);
    expect((await failure({ status: 429 })).retryable).toBe(true);
    expect((await failure({ status: 404 })).retryable).toBe(false);
  });
});

describe("HttpClient provider messages", () => {
  it.each([
    ["GitHub/Linear message", { message: "Not Found", documentation_url: "https://docs.github.com" }, "Not Found"],
    ["OAuth error", { error: "invalid_grant", error_description: "expired" }, "invalid_grant"],
    ["nested error.message", { error: { message: "Invalid state" } }, "Invalid state"],
    ["ClickUp err", { err: "Team not authorized", ECODE: "OAUTH_027" }, "Team not authorized"],
    ["Asana errors[0].message", { errors: [{ message: "project: Not a recognized ID", help: "…" }] }, "project: Not a recognized ID"],
    ["Plane detail", { detail: "You do not have permission to perform this action." }, "You do not have permission to perform this action."],
    ["a list of strings", { errors: ["first problem", "second"] }, "first problem"],
  ])("extracts %s", async (_label, body, expected) => {
    expect((await failure({ status: 400, body })).providerMessage).toBe(expected);
  });

  it("puts the provider's words after the status in the message", async () => {
    const error = await failure({ status: 404, body: { message: "Not Found" } });
    expect(error.message).toBe("github GET /repos/o/r/issues found nothing (HTTP 404): Not Found");
  });

  it("trims a long message to about 300 characters", async () => {
    const error = await failure({ status: 400, body: { message: "x".repeat(5000) } });
    expect(error.providerMessage?.length).toBeLessThanOrEqual(300);
    expect(error.providerMessage?.endsWith("…")).toBe(true);
  });

  it("keeps short plain text but not an HTML error page", async () => {
    expect((await failure({ status: 502, body: "upstream timed out" })).providerMessage).toBe("upstream timed out");
    expect((await failure({ status: 502, body: "<html><body>Bad Gateway</body></html>", headers: { "content-type": "text/html" } })).providerMessage).toBeNull();
  });

  it("never carries the token, even when the provider echoes it back", async () => {
    const echoes = [
      { message: `Bad credentials: Bearer ${TOKEN}` },
      { error: `token ${TOKEN} revoked` },
      { detail: `Invalid key ${TOKEN}` },
    ];
    for (const [i, body] of echoes.entries()) {
      const error = await failure({ status: [401, 403, 400][i]!, body });
      expect(error.message).not.toContain(TOKEN);
      expect(error.providerMessage).toContain("[redacted]");
    }
  });

  it("never carries any request header value in any error", async () => {
    const statuses = [400, 401, 403, 404, 409, 410, 422, 429, 500];
    for (const status of statuses) {
      const error = await failure({ status, body: { message: "m" } });
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain("2022-11-28");
      expect(error.message).not.toContain("state=all");
    }
  });
});

describe("HttpClient network failures", () => {
  it("maps a dropped socket to NetworkError naming only the error code", async () => {
    h.mock.get(GITHUB).intercept({ path: () => true }).replyWithError(new undiciErrors.SocketError("other side closed"));
    const error = await h.client.request({ method: "GET", path: "/x", schema: anything }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe("github GET /x could not reach the provider: UND_ERR_SOCKET");
    expect((error as NetworkError).status).toBeNull();
    expect((error as NetworkError).retryable).toBe(true);
  });

  it("maps a headers timeout to NetworkError", async () => {
    h.mock.get(GITHUB).intercept({ path: () => true }).replyWithError(new undiciErrors.HeadersTimeoutError());
    await expect(h.client.request({ method: "GET", path: "/x", schema: anything })).rejects.toThrow(/could not reach the provider: UND_ERR_HEADERS_TIMEOUT/);
  });

  it("keeps the original error as the cause for diagnosis", async () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" });
    h.mock.get(GITHUB).intercept({ path: () => true }).replyWithError(cause);
    const error = await h.client.request({ method: "GET", path: "/x", schema: anything }).catch((e: unknown) => e);
    expect((error as Error).cause).toBe(cause);
  });
});
