import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProviderId } from "taskbridge-functions/src/domain/provider-id";
import { LoopbackServer } from "../base/loopback-server";

/**
 * The OAuth side of all five providers on one loopback server, plus each provider's identity
 * endpoint. Its expectations are written down here from shared/providers.md, not read from our
 * OAuthSpecs, so a spec that sends a token request the wrong way fails against it.
 *
 * Layout (what OAUTH_BASE_URL_OVERRIDE and an integration's baseUrl point at):
 *   /{provider}{authorize path}   GET, answers 302 to redirect_uri with code & state (or error=access_denied)
 *   /{provider}{token path}       POST, grants authorization_code, refresh_token, client_credentials
 *   /{provider}{revoke path}      POST, records the revoked token
 *   /api/{provider}/…             the identity (and empty project list) endpoints, per provider shape
 */
interface ProviderFacts {
  authorizePath: string;
  tokenPath: string;
  revokePath: string | null;
  /** How the client authenticates for code and refresh grants. */
  clientAuth: "body" | "basic";
  format: "form" | "json";
  /** Whether a code_challenge is accepted (and then required at exchange). */
  pkce: boolean;
  /** Access-token lifetime in seconds for OAuth tokens; null = no expiry, no refresh token. */
  expiresIn: number | null;
  /** Whether a refresh hands out a new refresh token and kills the old one. */
  rotatesRefreshTokens: boolean;
  /** How each kind of credential must be presented to the API. */
  authHeader: Record<TokenKind, (token: string) => [string, string]>;
  clientCredentials: { param: string; clientAuth: "basic" } | null;
}

type TokenKind = "oauth" | "personal" | "bot";

const bearer = (token: string): [string, string] => ["authorization", `Bearer ${token}`];
const raw = (token: string): [string, string] => ["authorization", token];

export const PROVIDER_FACTS: Record<ProviderId, ProviderFacts> = {
  github: {
    authorizePath: "/login/oauth/authorize",
    tokenPath: "/login/oauth/access_token",
    revokePath: null,
    clientAuth: "body",
    format: "form",
    pkce: true,
    // OAuth App tokens do not expire; GitHub App user tokens (8 h) are configured per test.
    expiresIn: null,
    rotatesRefreshTokens: true,
    authHeader: { oauth: bearer, personal: bearer, bot: bearer },
    clientCredentials: null,
  },
  clickup: {
    authorizePath: "/api",
    tokenPath: "/api/v2/oauth/token",
    revokePath: null,
    clientAuth: "body",
    format: "json",
    pkce: false,
    expiresIn: null,
    rotatesRefreshTokens: false,
    authHeader: { oauth: bearer, personal: raw, bot: bearer },
    clientCredentials: null,
  },
  plane: {
    authorizePath: "/auth/o/authorize-app/",
    tokenPath: "/auth/o/token/",
    revokePath: null,
    clientAuth: "body",
    format: "form",
    pkce: false,
    expiresIn: 86400,
    rotatesRefreshTokens: true,
    authHeader: { oauth: bearer, personal: (token) => ["x-api-key", token], bot: bearer },
    clientCredentials: { param: "app_installation_id", clientAuth: "basic" },
  },
  asana: {
    authorizePath: "/-/oauth_authorize",
    tokenPath: "/-/oauth_token",
    revokePath: "/-/oauth_revoke",
    clientAuth: "body",
    format: "form",
    pkce: true,
    expiresIn: 3600,
    rotatesRefreshTokens: false,
    authHeader: { oauth: bearer, personal: bearer, bot: bearer },
    clientCredentials: null,
  },
  linear: {
    authorizePath: "/oauth/authorize",
    tokenPath: "/oauth/token",
    revokePath: "/oauth/revoke",
    clientAuth: "body",
    format: "form",
    pkce: true,
    expiresIn: 86400,
    rotatesRefreshTokens: true,
    authHeader: { oauth: bearer, personal: raw, bot: bearer },
    clientCredentials: null,
  },
};

export interface SimClient {
  clientId: string;
  clientSecret: string;
}

interface IssuedCode {
  provider: ProviderId;
  redirectUri: string;
  challenge: string | null;
  used: boolean;
}

interface AccessToken {
  provider: ProviderId;
  kind: TokenKind;
  valid: boolean;
}

export interface TokenRequestRecord {
  provider: ProviderId;
  grantType: string;
  /** Parameters as sent, client secret and tokens included: tests only. */
  params: Record<string, string>;
  authorization: string | undefined;
  contentType: string;
}

/** What the simulated user does on the consent page. */
export type Consent = "grant" | "deny";

export const OAUTH_SIMULATOR_PORT = 9790;

export class OAuthSimulator {
  readonly tokenRequests: TokenRequestRecord[] = [];
  /** Every token handed out, newest last: tests compare them with what was stored. */
  readonly issued: Array<{ provider: ProviderId; kind: TokenKind; accessToken: string; refreshToken: string | null }> = [];
  readonly revoked: Array<{ provider: ProviderId; token: string; params: Record<string, string> }> = [];
  readonly apiRequests: Array<{ provider: ProviderId; method: string; path: string; headers: Record<string, string>; body: string }> = [];
  consent: Consent = "grant";
  /** Extra parameters the authorize redirect carries (Plane adds app_installation_id). */
  authorizeExtras: Record<string, string> = {};
  /** The next refresh_token grants fail with invalid_grant, as for a revoked grant. */
  refuseRefreshes = false;
  /** Added before a refresh answers, so concurrent refreshers overlap. */
  refreshDelayMs = 0;
  /** Overrides a provider's access-token lifetime (seconds); null = the token does not expire. */
  readonly expiresInOverride = new Map<ProviderId, number | null>();
  baseUrl = "";

  private readonly loopback = new LoopbackServer((req, res) => this.dispatch(req, res));
  private readonly queuedApiAnswers: Answer[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, { provider: ProviderId; used: boolean }>();
  /** Plane app installations: id → workspace slug and status. */
  private readonly installations = new Map<string, { slug: string; status: string }>();
  /** The workspaces the simulated Plane user (the one who consents) is a member of. */
  private readonly planeUserWorkspaces = new Set<string>();

  constructor(private readonly clients: Record<ProviderId, SimClient>) {}

  /** Listens on 127.0.0.1, on `port` when given (the sandbox's fixed addresses), else on any free one. */
  async start(port = OAUTH_SIMULATOR_PORT): Promise<string> {
    this.baseUrl = await this.loopback.start(port);
    return this.baseUrl;
  }

  stop(): Promise<void> {
    return this.loopback.stop();
  }


  /** The API root an integration of `provider` uses to reach this simulator's identity endpoints. */
  apiBase(provider: ProviderId): string {
    return `${this.baseUrl}/api/${provider}`;
  }

  addPersonalToken(provider: ProviderId, token: string): void {
    this.accessTokens.set(token, { provider, kind: "personal", valid: true });
  }

  /**
   * An installation of our app (Plane) in a workspace. By default the simulated user who consents
   * is a member of that workspace; `userIsMember: false` makes it someone else's workspace.
   */
  addInstallation(installationId: string, workspaceSlug: string, options: { userIsMember?: boolean; status?: string } = {}): void {
    this.installations.set(installationId, { slug: workspaceSlug, status: options.status ?? "installed" });
    if (options.userIsMember ?? true) this.planeUserWorkspaces.add(workspaceSlug);
  }

  /**
   * The next API request (any provider) gets this answer instead of the normal one: a body that
   * is not the provider's (`raw`, sent as is with `contentType`), as a misconfigured host answers.
   */
  answerNextApiRequest(answer: { status: number; raw: string; contentType: string }): void {
    this.queuedApiAnswers.push(answer);
  }

  /** The provider stops accepting this access token (it expired or was revoked early). */
  invalidate(accessToken: string): void {
    const token = this.accessTokens.get(accessToken);
    if (token) token.valid = false;
  }

  refreshCount(provider: ProviderId): number {
    return this.tokenRequests.filter((r) => r.provider === provider && r.grantType === "refresh_token").length;
  }

  isValid(accessToken: string): boolean {
    return this.accessTokens.get(accessToken)?.valid === true;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://sim");
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const answer = await this.route(req.method ?? "GET", url, headers, body);
      if (answer.location) {
        res.writeHead(302, { location: answer.location });
        res.end();
        return;
      }
      if (answer.raw !== undefined) {
        res.writeHead(answer.status, { "content-type": answer.contentType ?? "text/plain" });
        res.end(answer.raw);
        return;
      }
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body ?? {}));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `simulator bug: ${String(error)}` }));
    }
  }

  private async route(method: string, url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
    const api = /^\/api\/([a-z]+)(\/.*)$/.exec(url.pathname);
    if (api) return this.identityApi(api[1] as ProviderId, method, api[2]!, url, headers, body);
    const [, providerId, ...rest] = url.pathname.split("/");
    const provider = providerId as ProviderId;
    const facts = PROVIDER_FACTS[provider];
    if (!facts) return { status: 404, body: { error: "no such provider" } };
    const path = `/${rest.join("/")}`;
    if (method === "GET" && path === facts.authorizePath) return this.authorize(provider, url.searchParams);
    if (method === "POST" && path === facts.tokenPath) return this.token(provider, headers, body);
    if (method === "POST" && facts.revokePath && path === facts.revokePath) return this.revoke(provider, headers, body);
    return { status: 404, body: { error: `no ${method} ${path} for ${provider}` } };
  }

  private authorize(provider: ProviderId, query: URLSearchParams): Answer {
    const facts = PROVIDER_FACTS[provider];
    const redirectUri = query.get("redirect_uri");
    const state = query.get("state");
    if (query.get("client_id") !== this.clients[provider].clientId || !redirectUri || !state) {
      return { status: 400, body: { error: "invalid_request", error_description: "client_id, redirect_uri and state are required" } };
    }
    const challenge = query.get("code_challenge");
    if (challenge && (!facts.pkce || query.get("code_challenge_method") !== "S256")) {
      return { status: 400, body: { error: "invalid_request", error_description: "unsupported code_challenge" } };
    }
    const target = new URL(redirectUri);
    target.searchParams.set("state", state);
    if (this.consent === "deny") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user denied access");
      return { status: 302, location: target.toString() };
    }
    for (const [name, value] of Object.entries(this.authorizeExtras)) target.searchParams.set(name, value);
    const code = `code_${randomBytes(12).toString("hex")}`;
    this.codes.set(code, { provider, redirectUri, challenge, used: false });
    target.searchParams.set("code", code);
    return { status: 302, location: target.toString() };
  }

  private async token(provider: ProviderId, headers: Record<string, string>, body: string): Promise<Answer> {
    const facts = PROVIDER_FACTS[provider];
    const contentType = headers["content-type"] ?? "";
    const params = parseParams(body, contentType);
    if (!params) return { status: 400, body: { error: "invalid_request", error_description: "unreadable body" } };
    const grantType = params.grant_type ?? (provider === "clickup" ? "authorization_code" : "");
    this.tokenRequests.push({ provider, grantType, params, authorization: headers.authorization, contentType });

    const expectedFormat = facts.format === "json" ? "application/json" : "application/x-www-form-urlencoded";
    if (!contentType.startsWith(expectedFormat)) return { status: 400, body: { error: "invalid_request", error_description: `expected ${expectedFormat}` } };
    const clientAuth = grantType === "client_credentials" && facts.clientCredentials ? facts.clientCredentials.clientAuth : facts.clientAuth;
    if (!this.clientAuthenticated(provider, clientAuth, headers, params)) return { status: 401, body: { error: "invalid_client" } };

    switch (grantType) {
      case "authorization_code":
        return this.exchangeCode(provider, params);
      case "refresh_token":
        if (this.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshDelayMs));
        return this.refresh(provider, params);
      case "client_credentials":
        return this.clientCredentials(provider, params);
      default:
        return { status: 400, body: { error: "unsupported_grant_type" } };
    }
  }

  private clientAuthenticated(provider: ProviderId, clientAuth: "body" | "basic", headers: Record<string, string>, params: Record<string, string>): boolean {
    const client = this.clients[provider];
    if (clientAuth === "basic") {
      const expected = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`;
      return headers.authorization === expected && params.client_secret === undefined;
    }
    return params.client_id === client.clientId && params.client_secret === client.clientSecret;
  }

  private exchangeCode(provider: ProviderId, params: Record<string, string>): Answer {
    const issued = params.code ? this.codes.get(params.code) : undefined;
    if (!issued || issued.provider !== provider || issued.used) return { status: 400, body: { error: "invalid_grant", error_description: "unknown or used code" } };
    issued.used = true;
    // ClickUp's token request carries no redirect_uri; the others must repeat the authorize one.
    if (provider !== "clickup" && params.redirect_uri !== issued.redirectUri) return { status: 400, body: { error: "invalid_grant", error_description: "redirect_uri mismatch" } };
    if (issued.challenge) {
      const verifier = params.code_verifier ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge) {
        return { status: 400, body: { error: "invalid_grant", error_description: "PKCE verification failed" } };
      }
    }
    return { status: 200, body: this.issue(provider, "oauth", true) };
  }

  private refresh(provider: ProviderId, params: Record<string, string>): Answer {
    const facts = PROVIDER_FACTS[provider];
    const stored = params.refresh_token ? this.refreshTokens.get(params.refresh_token) : undefined;
    if (this.refuseRefreshes || !stored || stored.provider !== provider || stored.used) {
      return { status: 400, body: { error: "invalid_grant", error_description: "The refresh token is invalid or was already used" } };
    }
    if (facts.rotatesRefreshTokens) stored.used = true;
    const issued = this.issue(provider, "oauth", facts.rotatesRefreshTokens);
    return { status: 200, body: issued };
  }

  private clientCredentials(provider: ProviderId, params: Record<string, string>): Answer {
    const facts = PROVIDER_FACTS[provider];
    if (!facts.clientCredentials) return { status: 400, body: { error: "unsupported_grant_type" } };
    if (this.installations.get(params[facts.clientCredentials.param] ?? "")?.status !== "installed") return { status: 400, body: { error: "invalid_grant", error_description: "unknown installation" } };
    return { status: 200, body: this.issue(provider, "bot", false) };
  }

  private issue(provider: ProviderId, kind: TokenKind, withRefresh: boolean): Record<string, unknown> {
    const expiresIn = this.expiresInOverride.has(provider) ? this.expiresInOverride.get(provider)! : PROVIDER_FACTS[provider].expiresIn;
    const accessToken = `sim_${provider}_${kind}_${randomBytes(12).toString("hex")}`;
    this.accessTokens.set(accessToken, { provider, kind, valid: true });
    const answer: Record<string, unknown> = { access_token: accessToken, token_type: "bearer" };
    if (expiresIn !== null) answer.expires_in = expiresIn;
    if (withRefresh && expiresIn !== null) {
      const refreshToken = `sim_${provider}_refresh_${randomBytes(12).toString("hex")}`;
      this.refreshTokens.set(refreshToken, { provider, used: false });
      answer.refresh_token = refreshToken;
    }
    if (provider === "github") answer.scope = "repo";
    this.issued.push({ provider, kind, accessToken, refreshToken: (answer.refresh_token as string | undefined) ?? null });
    return answer;
  }

  private revoke(provider: ProviderId, headers: Record<string, string>, body: string): Answer {
    const params = parseParams(body, headers["content-type"] ?? "");
    if (!params || !this.clientAuthenticated(provider, PROVIDER_FACTS[provider].clientAuth, headers, params) || !params.token) {
      return { status: 400, body: { error: "invalid_request" } };
    }
    this.revoked.push({ provider, token: params.token, params });
    const refresh = this.refreshTokens.get(params.token);
    if (refresh) refresh.used = true;
    this.invalidate(params.token);
    return { status: 200, body: {} };
  }

  /** Identity and empty project listings, in each provider's shape; 401 unless the credential is presented its provider's way. */
  private identityApi(provider: ProviderId, method: string, path: string, url: URL, headers: Record<string, string>, body: string): Answer {
    this.apiRequests.push({ provider, method, path, headers, body });
    const queued = this.queuedApiAnswers.shift();
    if (queued) return queued;
    const caller = this.caller(provider, headers);
    if (!caller) return { status: 401, body: { message: "Bad credentials" } };
    const route = `${method} ${path}`;
    switch (`${provider} ${route}`) {
      case "github GET /user":
        return { status: 200, body: { id: 583231, login: "octocat" } };
      case "github GET /user/repos":
        return { status: 200, body: [] };
      case "clickup GET /user":
        return { status: 200, body: { user: { id: 183, username: "clickup-user", email: "u@example.com" } } };
      case "clickup GET /team":
        return { status: 200, body: { teams: [{ id: "9001", name: "Team one" }, { id: "9002", name: "Team two" }] } };
      case "clickup GET /team/9001/space":
      case "clickup GET /team/9002/space":
        return { status: 200, body: { spaces: [] } };
      case "plane GET /api/v1/users/me/":
        return { status: 200, body: { id: "8b1c3d5e-0000-4000-8000-000000000001", display_name: caller.kind === "bot" ? "taskbridge-bot" : "plane-user" } };
      case "plane GET /auth/o/app-installation/":
        return this.planeInstallations(caller, url.searchParams.get("id"));
      case "plane GET /api/v1/workspaces/acme/projects/":
        return { status: 200, body: { results: [], next_page_results: false, next_cursor: null, prev_cursor: null } };
      case "asana GET /users/me":
        return { status: 200, body: { data: { gid: "1201", name: "Asana User", workspaces: [{ gid: "4401", name: "Acme" }] } } };
      case "asana GET /projects":
        return { status: 200, body: { data: [], next_page: null } };
      case "linear POST /graphql": {
        const query = (JSON.parse(body || "{}") as { query?: string }).query ?? "";
        if (query.includes("viewer")) return { status: 200, body: { data: { viewer: { id: "lin-user-1", name: "Linear User" }, organization: { id: "lin-org-1", name: "Acme", urlKey: "acme" } } } };
        return { status: 200, body: { data: { organization: { urlKey: "acme" }, teams: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } } };
      }
      default:
        return { status: 404, body: { message: `no ${route} for ${provider}` } };
    }
  }

  /**
   * Plane's OAuthApplicationInstalledWorkspacesEndpoint (makeplane/plane): OAuth tokens
   * only (an API key is refused), the app's installations filtered by `id`, and for a user token
   * (authorization_code) only those in workspaces the user is a member of. An empty list, not a
   * 404, when nothing matches.
   */
  private planeInstallations(caller: AccessToken, id: string | null): Answer {
    if (caller.kind === "personal") return { status: 401, body: { detail: "Authentication credentials were not provided." } };
    const rows = [...this.installations]
      .filter(([installationId]) => id === null || installationId === id)
      .filter(([, installation]) => caller.kind === "bot" || this.planeUserWorkspaces.has(installation.slug))
      .map(([installationId, installation]) => ({
        id: installationId,
        workspace: `ws-${installation.slug}`,
        workspace_detail: { id: `ws-${installation.slug}`, name: installation.slug, slug: installation.slug },
        application: "app-taskbridge",
        installed_by: "8b1c3d5e-0000-4000-8000-000000000001",
        app_bot: "bot-1",
        status: installation.status,
      }));
    return { status: 200, body: rows };
  }

  private caller(provider: ProviderId, headers: Record<string, string>): AccessToken | null {
    for (const [token, info] of this.accessTokens) {
      if (info.provider !== provider || !info.valid) continue;
      const [name, value] = PROVIDER_FACTS[provider].authHeader[info.kind](token);
      if (headers[name] === value) return info;
    }
    return null;
  }
}

interface Answer {
  status: number;
  body?: unknown;
  location?: string;
  /** Sent as is instead of `body` as JSON. */
  raw?: string;
  contentType?: string;
}

function parseParams(body: string, contentType: string): Record<string, string> | null {
  if (contentType.startsWith("application/json")) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
