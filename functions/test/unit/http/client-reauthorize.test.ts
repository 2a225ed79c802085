import { z } from "zod";
import { UnauthorizedError } from "../../../src/http/errors";
import { graphqlRequest } from "../../../src/http/graphql";
import { GITHUB, POLICIES, script, useHarness } from "./helpers";

/** The 401 path: a client with onUnauthorized (a refreshable credential) gets one fresh try. */
const h = useHarness();
const user = z.object({ login: z.string() });

function clientWith(onUnauthorized: () => Promise<Record<string, string> | null>) {
  return h.makeClient({ headers: { Authorization: "Bearer old-token" }, onUnauthorized });
}

it("sends the request again with the fresh headers after a 401", async () => {
  const hook = jest.fn(async () => ({ Authorization: "Bearer new-token" }));
  const seen = script(h.mock, GITHUB, [{ status: 401, body: { message: "Bad credentials" } }, { status: 200, body: { login: "octocat" } }, { status: 200, body: { login: "octocat" } }]);
  const client = clientWith(hook);
  await expect(client.request({ method: "GET", path: "/user", schema: user })).resolves.toMatchObject({ data: { login: "octocat" } });
  expect(hook).toHaveBeenCalledTimes(1);
  expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer old-token", "Bearer new-token"]);
  // Later requests keep the fresh headers.
  await client.request({ method: "GET", path: "/user", schema: user });
  expect(seen[2]!.headers.authorization).toBe("Bearer new-token");
});

it("refreshes only once per request: a second 401 stands", async () => {
  const hook = jest.fn(async () => ({ Authorization: "Bearer new-token" }));
  script(h.mock, GITHUB, [{ status: 401 }, { status: 401 }]);
  await expect(clientWith(hook).request({ method: "GET", path: "/user", schema: user })).rejects.toBeInstanceOf(UnauthorizedError);
  expect(hook).toHaveBeenCalledTimes(1);
});

it("lets the 401 stand when nothing can be refreshed, and without a hook", async () => {
  script(h.mock, GITHUB, [{ status: 401 }, { status: 401 }]);
  await expect(clientWith(async () => null).request({ method: "GET", path: "/user", schema: user })).rejects.toBeInstanceOf(UnauthorizedError);
  await expect(h.client.request({ method: "GET", path: "/user", schema: user })).rejects.toBeInstanceOf(UnauthorizedError);
});

it("refreshes on a GraphQL authentication error that arrives with HTTP 200", async () => {
  const LINEAR = "https://api.linear.app";
  const hook = jest.fn(async () => ({ Authorization: "Bearer new-token" }));
  const client = h.makeClient({ provider: "linear", baseUrl: LINEAR, policy: POLICIES.linear, headers: { Authorization: "Bearer old-token" }, onUnauthorized: hook });
  const seen = script(h.mock, LINEAR, [
    { status: 200, body: { errors: [{ message: "Authentication required", extensions: { code: "AUTHENTICATION_ERROR" } }] } },
    { status: 200, body: { data: { viewer: { id: "u1" } } } },
  ]);
  const data = await graphqlRequest(client, { path: "/graphql", query: "query { viewer { id } }", schema: z.object({ viewer: z.object({ id: z.string() }) }) });
  expect(data.viewer.id).toBe("u1");
  expect(hook).toHaveBeenCalledTimes(1);
  expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer old-token", "Bearer new-token"]);
});
