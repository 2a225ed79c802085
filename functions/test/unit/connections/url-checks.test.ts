import { BaseUrlAllowlistError, BaseUrlNotAllowedError, checkBaseUrl, parseBaseUrlAllowlist } from "../../../src/connections/base-url";
import { oauthEndpoints } from "../../../src/oauth/endpoints";
import { codeChallengeS256, newCodeVerifier, newState } from "../../../src/oauth/pkce";
import { checkRedirectUrl, RedirectNotAllowedError, redirectWithResult } from "../../../src/connections/redirect-url";
import { PROVIDERS } from "../../../src/providers/registry";

const ALLOWED = ["http://localhost:5173", "https://app.example.com"];

describe("checkRedirectUrl", () => {
  it("accepts URLs on an allowed origin, whatever their path and query", () => {
    expect(checkRedirectUrl("https://app.example.com/settings?tab=1", ALLOWED).toString()).toBe("https://app.example.com/settings?tab=1");
    expect(checkRedirectUrl("http://localhost:5173/", ALLOWED).origin).toBe("http://localhost:5173");
  });

  it.each([
    ["another host", "https://evil.example.com/"],
    ["a look-alike host", "https://app.example.com.evil.com/"],
    ["another port", "http://localhost:5174/"],
    ["another scheme", "http://app.example.com/"],
    ["userinfo", "https://attacker@app.example.com/"],
    ["a fragment", "https://app.example.com/#x"],
    ["a relative URL", "/settings"],
    ["javascript:", "javascript:alert(1)"],
  ])("refuses %s", (_what, url) => {
    expect(() => checkRedirectUrl(url, ALLOWED)).toThrow(RedirectNotAllowedError);
  });

  it("adds the result to the app's query, keeping what was there", () => {
    expect(redirectWithResult("http://localhost:5173/cb?tab=1", { provider: "github", error: "x", message: "a b&c" })).toBe("http://localhost:5173/cb?tab=1&provider=github&error=x&message=a+b%26c");
  });
});

describe("checkBaseUrl", () => {
  const none: string[] = [];
  const listed = ["https://ghe.example.com", "http://127.0.0.1:9790"];

  it("accepts https API roots for a personal token when no allow-list is set, and drops a trailing slash", () => {
    expect(checkBaseUrl("https://ghe.example.com/api/v3/", { allowlist: none, flow: "personal" })).toBe("https://ghe.example.com/api/v3");
  });

  it("sends an OAuth token only to an allow-listed origin, whatever the caller asks", () => {
    expect(checkBaseUrl("https://ghe.example.com/api/v3", { allowlist: listed, flow: "oauth" })).toBe("https://ghe.example.com/api/v3");
    for (const allowlist of [none, listed]) {
      expect(() => checkBaseUrl("https://attacker.example.net/api", { allowlist, flow: "oauth" })).toThrow(/not on this deployment's PROVIDER_BASE_URL_ALLOWLIST/);
    }
    // Same host, another port or scheme: another origin.
    expect(() => checkBaseUrl("https://ghe.example.com:8443/api/v3", { allowlist: listed, flow: "oauth" })).toThrow(BaseUrlNotAllowedError);
    expect(() => checkBaseUrl("http://ghe.example.com/api/v3", { allowlist: listed, flow: "oauth" })).toThrow(BaseUrlNotAllowedError);
  });

  it("holds a personal token to the allow-list once it is set", () => {
    expect(checkBaseUrl("http://127.0.0.1:9790/api/github", { allowlist: listed, flow: "personal" })).toBe("http://127.0.0.1:9790/api/github");
    expect(() => checkBaseUrl("https://public.example.org/api", { allowlist: listed, flow: "personal" })).toThrow(/not on this deployment's PROVIDER_BASE_URL_ALLOWLIST/);
  });

  it("refuses plain http to loopback unless the deployment lists that origin (no emulator escape hatch)", () => {
    const saved = process.env.FUNCTIONS_EMULATOR;
    // Any deployment can set an environment variable, so none may open this.
    process.env.FUNCTIONS_EMULATOR = "true";
    try {
      expect(() => checkBaseUrl("http://127.0.0.1:9790/api/github", { allowlist: none, flow: "personal" })).toThrow(BaseUrlNotAllowedError);
    } finally {
      if (saved === undefined) delete process.env.FUNCTIONS_EMULATOR;
      else process.env.FUNCTIONS_EMULATOR = saved;
    }
  });

  it.each([
    "http://example.com",
    "https://169.254.169.254/computeMetadata/v1",
    "https://metadata.google.internal/",
    "https://10.1.2.3/",
    "https://192.168.0.10/",
    "https://172.20.0.1/",
    "https://127.0.0.1/",
    "https://[::1]/",
    "https://[fd00::1]/",
    "https://[::ffff:169.254.169.254]/",
    "https://user:pw@example.com/",
    "https://example.com/api?x=1",
    "not a url",
  ])("refuses %s for a personal token with no allow-list", (url) => {
    expect(() => checkBaseUrl(url, { allowlist: none, flow: "personal" })).toThrow(BaseUrlNotAllowedError);
  });
});

describe("parseBaseUrlAllowlist", () => {
  it("reads comma-separated origins", () => {
    expect(parseBaseUrlAllowlist(" https://ghe.example.com , http://127.0.0.1:9790/,https://plane.example.com:8443")).toEqual([
      "https://ghe.example.com",
      "http://127.0.0.1:9790",
      "https://plane.example.com:8443",
    ]);
    expect(parseBaseUrlAllowlist("")).toEqual([]);
  });

  it.each([
    ["a path", "https://ghe.example.com/api/v3"],
    ["plain http to a non-loopback host", "http://ghe.example.com"],
    ["a metadata server", "https://metadata.google.internal"],
    ["a link-local address", "https://169.254.169.254"],
    ["not a URL", "ghe.example.com"],
  ])("refuses an entry with %s, as the deployment's error", (_what, entry) => {
    expect(() => parseBaseUrlAllowlist(entry)).toThrow(BaseUrlAllowlistError);
  });
});

describe("PKCE and state", () => {
  it("derives the S256 challenge of RFC 7636's example", () => {
    expect(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes 43-character base64url verifiers and states that differ every time", () => {
    const values = [newCodeVerifier(), newCodeVerifier(), newState(), newState()];
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(values).size).toBe(4);
  });
});

describe("oauthEndpoints", () => {
  const saved = process.env.OAUTH_BASE_URL_OVERRIDE;
  afterEach(() => {
    if (saved === undefined) delete process.env.OAUTH_BASE_URL_OVERRIDE;
    else process.env.OAUTH_BASE_URL_OVERRIDE = saved;
  });

  it("uses the provider's own URLs when no override is set", () => {
    delete process.env.OAUTH_BASE_URL_OVERRIDE;
    expect(oauthEndpoints(PROVIDERS.asana)).toEqual({
      authorizeUrl: "https://app.asana.com/-/oauth_authorize",
      tokenUrl: "https://app.asana.com/-/oauth_token",
      revokeUrl: "https://app.asana.com/-/oauth_revoke",
    });
  });

  it("moves every URL under {override}/{provider} when the override is set", () => {
    process.env.OAUTH_BASE_URL_OVERRIDE = "http://127.0.0.1:9790/";
    expect(oauthEndpoints(PROVIDERS.clickup)).toEqual({
      authorizeUrl: "http://127.0.0.1:9790/clickup/api",
      tokenUrl: "http://127.0.0.1:9790/clickup/api/v2/oauth/token",
      revokeUrl: null,
    });
  });
});
