import { z } from "zod";
import { resetRateLimitStates } from "../../../src/http/client";
import { BadRequestError, ForbiddenError, InvalidResponseError, RateLimitedError, ServerError, UnauthorizedError } from "../../../src/http/errors";
import { graphqlRequest, isMutation } from "../../../src/http/graphql";
import { getRateLimitState } from "../../../src/http/rate-limit-registry";
import { MemoryStore, POLICIES, T0, T0_SECONDS, harness, script, type Harness } from "./helpers";

const LINEAR = "https://api.linear.app";
const LINEAR_KEY = "lin_api_0123456789abcdefghij";
const viewer = z.object({ viewer: z.object({ id: z.string(), name: z.string() }) });
const query = "query Me { viewer { id name } }";

let h: Harness;
let client: ReturnType<Harness["makeClient"]>;
beforeEach(() => {
  resetRateLimitStates();
  h = harness();
  client = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear, headers: { Authorization: LINEAR_KEY } });
});
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

const call = () => graphqlRequest(client, { path: "/graphql", query, schema: viewer, operation: "viewer" });

describe("graphqlRequest", () => {
  it("POSTs {query, variables} as JSON and returns the validated data", async () => {
    const seen = script(h.mock, LINEAR, [{ status: 200, body: { data: { viewer: { id: "u1", name: "Ada" } } } }]);
    const data = await graphqlRequest(client, { path: "/graphql", query, variables: { a: 1 }, schema: viewer });
    expect(data).toEqual({ viewer: { id: "u1", name: "Ada" } });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers["authorization"]).toBe(LINEAR_KEY);
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ query, variables: { a: 1 } });
  });

  it("maps RATELIMITED in errors[] of an HTTP 200 to RateLimitedError, at the reset header's time", async () => {
    script(h.mock, LINEAR, [
      {
        status: 200,
        body: { data: null, errors: [{ message: "Rate limit exceeded", extensions: { code: "RATELIMITED", type: "Ratelimited", statusCode: 429 } }] },
        headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(T0 + 900_000) },
      },
    ]);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 900_000));
    expect((error as RateLimitedError).status).toBe(200);
    expect((error as RateLimitedError).message).toBe(
      `linear POST viewer was rate limited until ${new Date(T0 + 900_000).toISOString()} (HTTP 200): Rate limit exceeded`,
    );
  });

  it("recognises the rate limit by extensions.type alone, and prefers retry-after for the reset", async () => {
    script(h.mock, LINEAR, [
      {
        status: 200,
        body: { errors: [{ message: "slow down", extensions: { type: "ratelimited" } }] },
        headers: { "retry-after": "30", "x-ratelimit-requests-reset": String(T0_SECONDS + 3000) },
      },
    ]);
    const error = await call().catch((e: unknown) => e);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 30_000));
  });

  it("falls back to a reset a minute ahead when the response says nothing of when", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { errors: [{ message: "x" }, { message: "y", extensions: { code: "RATELIMITED" } }] } }]);
    const error = await call().catch((e: unknown) => e);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 60_000));
    expect((error as RateLimitedError).providerMessage).toBe("y");
  });

  it("marks the credential spent (and records it in the store) so the next request waits", async () => {
    const store = new MemoryStore();
    const stored = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear, rateLimitStore: store });
    script(h.mock, LINEAR, [
      { status: 200, body: { errors: [{ message: "x", extensions: { code: "RATELIMITED" } }] }, headers: { "retry-after": "20" } },
      { status: 200, body: { data: { viewer: { id: "u1", name: "Ada" } } } },
    ]);
    await expect(graphqlRequest(stored, { path: "/graphql", query, schema: viewer })).rejects.toBeInstanceOf(RateLimitedError);
    expect(getRateLimitState("integration-1")).toEqual({ remaining: 0, resetAt: new Date(T0 + 20_000) });
    expect(store.saves).toEqual([{ key: "integration-1", state: { remaining: 0, resetAt: new Date(T0 + 20_000) } }]);
    await graphqlRequest(stored, { path: "/graphql", query, schema: viewer });
    expect(h.clock.sleeps).toEqual([20_000]);
  });

  it("reads errors[] on HTTP 400 too", async () => {
    script(h.mock, LINEAR, [{ status: 400, body: { errors: [{ message: "Rate limited", extensions: { code: "RATELIMITED" } }] } }]);
    await expect(call()).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("maps AUTHENTICATION_ERROR to UnauthorizedError", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { errors: [{ message: "Authentication required, not authenticated", extensions: { code: "AUTHENTICATION_ERROR", type: "authentication error" } }] } }]);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).providerMessage).toBe("Authentication required, not authenticated");
  });

  it("maps FORBIDDEN to ForbiddenError", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { errors: [{ message: "Not allowed", extensions: { code: "FORBIDDEN" } }] } }]);
    await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("maps any other error to BadRequestError with the first message, even when data is partly there", async () => {
    script(h.mock, LINEAR, [
      {
        status: 200,
        body: { data: { viewer: { id: "u1", name: "Ada" } }, errors: [{ message: "Cannot query field \"nam\"", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }, { message: "second" }] },
      },
    ]);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).providerMessage).toBe('Cannot query field "nam"');
  });

  it("tolerates odd error shapes (no message, non-string code)", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { errors: [{ extensions: { code: 42 } }] } }]);
    await expect(call()).rejects.toBeInstanceOf(BadRequestError);
  });

  it("maps a 400 without errors[] to BadRequestError with the provider's message", async () => {
    script(h.mock, LINEAR, [{ status: 400, body: { message: "Body must be JSON" } }]);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).providerMessage).toBe("Body must be JSON");
  });

  it("never carries the API key, even when an error message echoes it", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { errors: [{ message: `Invalid key ${LINEAR_KEY}`, extensions: { code: "AUTHENTICATION_ERROR" } }] } }]);
    const error = await call().catch((e: unknown) => e);
    expect((error as Error).message).not.toContain(LINEAR_KEY);
  });

  it("names the fields of data that do not match the schema", async () => {
    script(h.mock, LINEAR, [{ status: 200, body: { data: { viewer: { id: 5 } } } }]);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/data\.viewer\.id: .*; data\.viewer\.name: /);
  });

  it("retries a query after a 5xx but not a mutation", async () => {
    script(h.mock, LINEAR, [{ status: 502 }, { status: 200, body: { data: { viewer: { id: "u1", name: "Ada" } } } }]);
    await expect(call()).resolves.toBeDefined();

    const seen = script(h.mock, LINEAR, [{ status: 502 }]);
    const mutation = 'mutation { issueUpdate(id: "1", input: {}) { success } }';
    await expect(graphqlRequest(client, { path: "/graphql", query: mutation, schema: z.unknown() })).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });
});

describe("isMutation", () => {
  it("recognises a mutation after comments and whitespace, and nothing else", () => {
    expect(isMutation("mutation Done($id: String!) { issueUpdate(id: $id) { success } }")).toBe(true);
    expect(isMutation("  # completes an issue\n  mutation { x }")).toBe(true);
    expect(isMutation("query { viewer { id } }")).toBe(false);
    expect(isMutation("{ viewer { id } }")).toBe(false);
    expect(isMutation("query mutationCount { x }")).toBe(false);
  });
});
