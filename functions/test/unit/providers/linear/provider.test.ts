import { linearProvider } from "../../../../src/providers/linear";

describe("linearProvider", () => {
  it("is Linear's GraphQL API, with its rate-limit headers read in either epoch unit", () => {
    expect(linearProvider.id).toBe("linear");
    expect(linearProvider.defaultBaseUrl).toBe("https://api.linear.app");
    expect(linearProvider.rateLimit).toEqual({
      remainingHeader: "x-ratelimit-requests-remaining",
      resetHeader: "x-ratelimit-requests-reset",
      resetUnit: "epoch_auto",
      slowdownBelow: 10,
    });
  });

  it("describes Linear's OAuth: comma-separated read and write scopes, PKCE, a form token request", () => {
    expect(linearProvider.oauth).toEqual({
      authorizeUrl: "https://linear.app/oauth/authorize",
      tokenUrl: "https://api.linear.app/oauth/token",
      revokeUrl: "https://api.linear.app/oauth/revoke",
      scopes: ["read", "write"],
      scopeSeparator: ",",
      pkce: true,
      clientAuth: "body",
      tokenRequestFormat: "form",
      extraAuthorizeParams: { response_type: "code" },
      clientCredentials: null,
    });
  });

  it("names the header its webhooks are signed in", () => {
    expect(linearProvider.webhook.signatureHeader).toBe("Linear-Signature");
  });
});
