import { asanaProvider } from "../../../../src/providers/asana";

describe("asanaProvider data", () => {
  it("is the asana provider", () => {
    expect(asanaProvider.id).toBe("asana");
    expect(asanaProvider.displayName).toBe("Asana");
  });

  it("describes Asana OAuth: code grant with PKCE, form-encoded token requests, revocation", () => {
    expect(asanaProvider.oauth).toMatchObject({
      authorizeUrl: "https://app.asana.com/-/oauth_authorize",
      tokenUrl: "https://app.asana.com/-/oauth_token",
      revokeUrl: "https://app.asana.com/-/oauth_revoke",
      scopeSeparator: " ",
      pkce: true,
      clientAuth: "body",
      tokenRequestFormat: "form",
      extraAuthorizeParams: { response_type: "code" },
    });
  });

  it("asks for the scopes of every call it makes, including the one that exposes actual_time_minutes", () => {
    expect(asanaProvider.oauth.scopes).toEqual(
      expect.arrayContaining(["tasks:read", "tasks:write", "projects:read", "stories:write", "users:read", "time_tracking_entries:read", "webhooks:write"]),
    );
  });

  it("has no rate-limit headers to read (Asana sends only Retry-After)", () => {
    expect(asanaProvider.rateLimit).toEqual({ remainingHeader: null, resetHeader: null, resetUnit: "epoch_seconds", slowdownBelow: 0 });
  });

  it("sends every kind of token as Bearer", () => {
    expect(asanaProvider.authHeaders("pat", "personal")).toEqual({ Authorization: "Bearer pat" });
    expect(asanaProvider.authHeaders("oauth", "oauth")).toEqual({ Authorization: "Bearer oauth" });
  });
});
