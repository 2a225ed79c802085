import { z } from "zod";
import { HttpClient } from "../../../src/http/client";
import { InvalidResponseError } from "../../../src/http/errors";
import { ValidationError } from "../../../src/domain/validation-error";
import { GITHUB, POLICIES, TOKEN, script, useHarness } from "./helpers";

const issue = z.object({ id: z.number(), title: z.string() });

const h = useHarness();

describe("HttpClient request building", () => {
  it("sends the client's auth and extra headers, the request's own headers, and asks for JSON", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { id: 1, title: "t" } }]);
    await h.client.request({ method: "GET", path: "/repos/o/r/issues/1", schema: issue, headers: { "X-Trace": "abc" } });
    expect(seen[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "x-github-api-version": "2022-11-28",
      "x-trace": "abc",
      accept: "application/json",
    });
  });

  it("lets a request header override the client's, whatever its case, without sending both", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { id: 1, title: "t" } }]);
    await h.client.request({ method: "GET", path: "/x", schema: issue, headers: { Accept: "application/vnd.github+json" } });
    expect(seen[0]?.headers["accept"]).toBe("application/vnd.github+json");
  });

  it("appends the path to a base URL that has a path of its own (GitHub Enterprise, self-hosted Plane)", async () => {
    const ghes = "https://ghe.example.com";
    const client = h.makeClient({ baseUrl: `${ghes}/api/v3/` });
    const seen = script(h.mock, ghes, [{ status: 200, body: { id: 1, title: "t" } }]);
    await client.request({ method: "GET", path: "/repos/o/r/issues/1", schema: issue });
    expect(seen[0]?.path).toBe("/api/v3/repos/o/r/issues/1");
  });

  it("adds the query, dropping undefined and null values", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [] }]);
    await h.client.request({
      method: "GET",
      path: "/repos/o/r/issues",
      query: { state: "all", per_page: 100, since: undefined, labels: null, pulls: false },
      schema: z.array(issue),
    });
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ state: "all", per_page: "100", pulls: "false" });
  });

  it("lets a query value replace the same parameter already in the path rather than send it twice", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [] }]);
    await h.client.request({ method: "GET", path: "/repos/o/r/issues?page=2&state=open", query: { page: 3 }, schema: z.array(issue) });
    expect(seen[0]?.url.searchParams.getAll("page")).toEqual(["3"]);
    expect(seen[0]?.url.searchParams.get("state")).toBe("open");
  });

  it("sends a JSON body with its content type", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 201, body: { id: 2, title: "new" } }]);
    const res = await h.client.request({ method: "POST", path: "/repos/o/r/issues", json: { title: "new" }, schema: issue });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ title: "new" });
    expect(res).toMatchObject({ status: 201, data: { id: 2, title: "new" } });
  });

  it("sends a form body (OAuth token endpoints)", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { id: 1, title: "t" } }]);
    await h.client.request({ method: "POST", path: "/login/oauth/access_token", form: { code: "a b", grant_type: "authorization_code" }, schema: issue });
    expect(seen[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen[0]?.body).toBe("code=a+b&grant_type=authorization_code");
  });

  it("refuses a request with both a JSON and a form body", async () => {
    await expect(h.client.request({ method: "POST", path: "/x", json: {}, form: {}, schema: issue })).rejects.toThrow(TypeError);
  });

  it("follows an absolute URL on the base URL's origin", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [] }]);
    await h.client.request({ method: "GET", path: `${GITHUB}/repositories/1/issues?page=2`, schema: z.array(issue) });
    expect(seen[0]?.path).toBe("/repositories/1/issues?page=2");
  });

  it("refuses an absolute URL on another origin before sending anything, so the token never leaves", async () => {
    const evil = script(h.mock, "https://evil.example", [{ status: 200, body: [] }]);
    const call = h.client.request({ method: "GET", path: "https://evil.example/steal", schema: z.array(issue) });
    await expect(call).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(call).rejects.toThrow(/refused to send the credential to https:\/\/evil\.example/);
    expect(evil).toHaveLength(0);
    h.mock.get("https://evil.example").cleanMocks();
  });

  it("refuses the same host on another scheme or port", async () => {
    await expect(h.client.request({ method: "GET", path: "http://api.github.com/x", schema: issue })).rejects.toThrow(/refused/);
    await expect(h.client.request({ method: "GET", path: "https://api.github.com:8443/x", schema: issue })).rejects.toThrow(/refused/);
  });

  it("keeps a path that looks like a host (//evil.example) on the base URL's origin", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: { id: 1, title: "t" } }]);
    await h.client.request({ method: "GET", path: "//evil.example/x", schema: issue });
    expect(seen[0]?.url.origin).toBe(GITHUB);
  });

  it("rejects a base URL that is not http(s)", () => {
    expect(
      () =>
        new HttpClient({ provider: "github", baseUrl: "ftp://example.com", headers: {}, policy: POLICIES.github, rateLimitKey: "k" }),
    ).toThrow(ValidationError);
  });
});

describe("HttpClient response bodies", () => {
  it("returns the validated body and lower-cased headers", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: { id: 7, title: "hello", extra: true }, headers: { "X-Custom": "v" } }]);
    const res = await h.client.request({ method: "GET", path: "/x", schema: issue });
    expect(res.data).toEqual({ id: 7, title: "hello" });
    expect(res.headers["x-custom"]).toBe("v");
  });

  it("parses a 204 as null", async () => {
    script(h.mock, GITHUB, [{ status: 204 }]);
    const res = await h.client.request({ method: "DELETE", path: "/x", schema: z.null() });
    expect(res).toMatchObject({ status: 204, data: null });
  });

  it("parses an empty 200 body as null", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: "" }]);
    await expect(h.client.request({ method: "PUT", path: "/x", schema: z.null() })).resolves.toMatchObject({ data: null });
  });

  it("names the first failing fields of a body that does not match, never their values", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: { id: "secret-value-123", title: 42 } }]);
    const error = await h.client.request({ method: "GET", path: "/repos/o/r/issues/1", schema: issue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    const message = (error as Error).message;
    expect(message).toMatch(/^github GET \/repos\/o\/r\/issues\/1 answered with an unexpected body \(HTTP 200\)/);
    expect(message).toContain("id:");
    expect(message).toContain("title:");
    expect(message).not.toContain("secret-value-123");
    expect(message).not.toContain("42");
  });

  it("reports a 2xx body that is not JSON", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: "<html>hi</html>" }]);
    await expect(h.client.request({ method: "GET", path: "/x", schema: issue })).rejects.toThrow(/the body is not JSON/);
  });

  it("uses the operation template, not the path with ids and query, in errors", async () => {
    script(h.mock, GITHUB, [{ status: 200, body: {} }]);
    const call = h.client.request({ method: "GET", path: "/repos/acme/secret-repo/issues?since=x", operation: "/repos/{owner}/{repo}/issues", schema: issue });
    await expect(call).rejects.toThrow(/^github GET \/repos\/\{owner\}\/\{repo\}\/issues answered/);
  });

  it("names an absolute URL by its path relative to the base URL, without the query", async () => {
    const client = h.makeClient({ baseUrl: "https://ghe.example.com/api/v3" });
    script(h.mock, "https://ghe.example.com", [{ status: 200, body: {} }]);
    const call = client.request({ method: "GET", path: "https://ghe.example.com/api/v3/repositories/1/issues?page=2", schema: issue });
    await expect(call).rejects.toThrow(/^github GET \/repositories\/1\/issues answered/);
  });

  it("accepts a listed non-2xx status as a body to validate (GraphQL errors on 400)", async () => {
    script(h.mock, GITHUB, [{ status: 400, body: { errors: [{ message: "bad" }] } }]);
    const res = await h.client.request({ method: "POST", path: "/graphql", json: {}, schema: z.object({ errors: z.array(z.unknown()) }), acceptStatuses: [400] });
    expect(res.status).toBe(400);
  });
});
