import { MockAgent } from "undici";
import { PROVIDERS } from "../../../src/providers/registry";
import { OAuthGrantError, requestToken } from "../../../src/oauth/token-endpoint";
import { revokeToken } from "../../../src/oauth/revoke";

const CLIENT = { clientId: "client-1", clientSecret: "s3cret-value" };
const NOW = new Date("2026-01-01T00:00:00Z");

function agent(): MockAgent {
  const mock = new MockAgent();
  mock.disableNetConnect();
  return mock;
}

interface Seen {
  headers: Record<string, string>;
  body: string;
}

/** Answers the next POST to `url` with `reply`, recording what was sent. */
function expectPost(mock: MockAgent, url: string, reply: { status: number; body: string; contentType?: string }): Seen {
  const target = new URL(url);
  const seen: Seen = { headers: {}, body: "" };
  mock
    .get(target.origin)
    .intercept({ path: target.pathname, method: "POST" })
    .reply((options) => {
      seen.headers = Object.fromEntries(Object.entries(options.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      seen.body = String(options.body);
      return { statusCode: reply.status, data: reply.body, responseOptions: { headers: { "content-type": reply.contentType ?? "application/json" } } };
    });
  return seen;
}

describe("requestToken", () => {
  it("sends a form body with the client in it, and reads expiry, refresh token and scopes", async () => {
    const mock = agent();
    const seen = expectPost(mock, "https://app.asana.com/-/oauth_token", { status: 200, body: JSON.stringify({ access_token: "at-1", refresh_token: "rt-1", expires_in: 3600, token_type: "bearer", data: { id: 1 } }) });
    const tokens = await requestToken(PROVIDERS.asana, { grant_type: "authorization_code", code: "c-1" }, CLIENT, { now: NOW, dispatcher: mock });
    expect(tokens).toEqual({ accessToken: "at-1", refreshToken: "rt-1", expiresAt: new Date(NOW.getTime() + 3600_000), scopes: null });
    expect(seen.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen.headers.accept).toBe("application/json");
    expect(seen.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({ grant_type: "authorization_code", code: "c-1", client_id: "client-1", client_secret: "s3cret-value" });
  });

  it("sends JSON where the provider takes JSON (ClickUp), and a token without expiry stays without", async () => {
    const mock = agent();
    const seen = expectPost(mock, "https://api.clickup.com/api/v2/oauth/token", { status: 200, body: JSON.stringify({ access_token: "at-2" }) });
    const tokens = await requestToken(PROVIDERS.clickup, { code: "c-2" }, CLIENT, { dispatcher: mock });
    expect(tokens).toEqual({ accessToken: "at-2", refreshToken: null, expiresAt: null, scopes: null });
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen.body)).toEqual({ code: "c-2", client_id: "client-1", client_secret: "s3cret-value" });
  });

  it("authenticates the client with HTTP Basic when asked (Plane's client-credentials grant), keeping the secret out of the body", async () => {
    const mock = agent();
    const seen = expectPost(mock, "https://api.plane.so/auth/o/token/", { status: 200, body: JSON.stringify({ access_token: "pln_bot_1", expires_in: "86400" }) });
    const tokens = await requestToken(PROVIDERS.plane, { grant_type: "client_credentials", app_installation_id: "i-1" }, CLIENT, { clientAuth: "basic", now: NOW, dispatcher: mock });
    expect(tokens.expiresAt).toEqual(new Date(NOW.getTime() + 86400_000));
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from("client-1:s3cret-value").toString("base64")}`);
    expect(seen.body).not.toContain("s3cret-value");
  });

  it("treats GitHub's HTTP 200 with an error field as a refusal, and splits comma scopes", async () => {
    const mock = agent();
    expectPost(mock, "https://github.com/login/oauth/access_token", { status: 200, body: JSON.stringify({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." }) });
    await expect(requestToken(PROVIDERS.github, { code: "x" }, CLIENT, { dispatcher: mock })).rejects.toMatchObject({ name: "OAuthGrantError", code: "bad_verification_code" });
    expectPost(mock, "https://github.com/login/oauth/access_token", { status: 200, body: "access_token=gho_1&scope=repo%2Cuser&token_type=bearer", contentType: "application/x-www-form-urlencoded" });
    expect(await requestToken(PROVIDERS.github, { code: "y" }, CLIENT, { dispatcher: mock })).toMatchObject({ accessToken: "gho_1", scopes: ["repo", "user"] });
  });

  it("reports invalid_grant, an HTTP failure and a body without a token, never echoing the request", async () => {
    const mock = agent();
    expectPost(mock, "https://api.linear.app/oauth/token", { status: 400, body: JSON.stringify({ error: "invalid_grant" }) });
    const refused = await requestToken(PROVIDERS.linear, { grant_type: "refresh_token", refresh_token: "rt-secret" }, CLIENT, { dispatcher: mock }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthGrantError);
    expect((refused as OAuthGrantError).code).toBe("invalid_grant");
    expect(String((refused as Error).message)).not.toMatch(/rt-secret|s3cret-value/);
    expectPost(mock, "https://api.linear.app/oauth/token", { status: 502, body: "<html>bad gateway</html>", contentType: "text/html" });
    await expect(requestToken(PROVIDERS.linear, {}, CLIENT, { dispatcher: mock })).rejects.toMatchObject({ code: "http_502" });
    expectPost(mock, "https://api.linear.app/oauth/token", { status: 200, body: JSON.stringify({ token_type: "bearer" }) });
    await expect(requestToken(PROVIDERS.linear, {}, CLIENT, { dispatcher: mock })).rejects.toMatchObject({ code: "invalid_token_response" });
  });
});

describe("revokeToken", () => {
  it("posts the token with the client's authentication, and says whether the provider confirmed", async () => {
    const mock = agent();
    const seen = expectPost(mock, "https://app.asana.com/-/oauth_revoke", { status: 200, body: "{}" });
    expect(await revokeToken(PROVIDERS.asana, "rt-1", CLIENT, mock)).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({ token: "rt-1", client_id: "client-1", client_secret: "s3cret-value" });
    expectPost(mock, "https://app.asana.com/-/oauth_revoke", { status: 500, body: "{}" });
    expect(await revokeToken(PROVIDERS.asana, "rt-1", CLIENT, mock)).toBe(false);
  });

  it("does nothing where the provider has no revocation endpoint", async () => {
    expect(await revokeToken(PROVIDERS.github, "t", CLIENT, agent())).toBe(false);
  });
});
