import { clickupProvider } from "../../../../src/providers/clickup";

describe("clickupProvider data", () => {
  it("is the clickup provider", () => {
    expect(clickupProvider.id).toBe("clickup");
    expect(clickupProvider.displayName).toBe("ClickUp");
  });

  it("describes ClickUp OAuth: authorization code, no scopes, no PKCE, no refresh or revocation", () => {
    expect(clickupProvider.oauth).toEqual({
      authorizeUrl: "https://app.clickup.com/api",
      tokenUrl: "https://api.clickup.com/api/v2/oauth/token",
      revokeUrl: null,
      scopes: [],
      scopeSeparator: ",",
      pkce: false,
      clientAuth: "body",
      tokenRequestFormat: "json",
      extraAuthorizeParams: {},
      clientCredentials: null,
    });
  });

  it("reads X-RateLimit-Remaining and X-RateLimit-Reset (Unix seconds)", () => {
    expect(clickupProvider.rateLimit).toEqual({
      remainingHeader: "x-ratelimit-remaining",
      resetHeader: "x-ratelimit-reset",
      resetUnit: "epoch_seconds",
      slowdownBelow: 5,
    });
  });

  it("puts a personal token raw in Authorization and an OAuth token as Bearer", () => {
    expect(clickupProvider.authHeaders("pk_42_XYZ", "personal")).toEqual({ Authorization: "pk_42_XYZ" });
    expect(clickupProvider.authHeaders("oauth-token", "oauth")).toEqual({ Authorization: "Bearer oauth-token" });
  });
});
