import { request, type Dispatcher } from "undici";
import { z } from "zod";
import { sharedAgent } from "../http/agent";
import type { Provider } from "../providers/provider";
import { encodeOAuthRequest } from "./client-auth";
import { oauthEndpoints } from "./endpoints";
import type { OAuthClient } from "../config/oauth";

/** What a token endpoint granted. Never logged, never put in an error. */
export interface TokenSet {
  accessToken: string;
  /** Null when the provider gives none (ClickUp, GitHub OAuth Apps, Plane bot tokens). */
  refreshToken: string | null;
  /** Null for tokens that do not expire. */
  expiresAt: Date | null;
  /** What the provider says it granted; null when it does not say. */
  scopes: string[] | null;
}

/**
 * The token endpoint refused (RFC 6749 §5.2 `error`, e.g. invalid_grant), or answered something
 * unusable. `code` is the provider's error code or our own (`http_502`, `invalid_token_response`);
 * `description` is the provider's text, which never holds a token.
 */
export class OAuthGrantError extends Error {
  constructor(
    readonly provider: string,
    readonly code: string,
    readonly description: string | null,
  ) {
    super(`${provider} token endpoint: ${code}${description ? ` (${description})` : ""}`);
    this.name = "OAuthGrantError";
  }
}

/**
 * Standard fields only (RFC 6749 §5.1). Providers add their own (Asana's `data`, Plane's
 * `token_type`), which are ignored; `expires_in` arrives as a number or a numeric string.
 */
const TokenResponseSchema = z
  .object({
    access_token: z.string().min(1).optional(),
    refresh_token: z.string().min(1).nullish(),
    expires_in: z.coerce.number().positive().nullish(),
    scope: z.union([z.string(), z.array(z.string())]).nullish(),
    error: z.string().min(1).optional(),
    error_description: z.string().nullish(),
  })
  .loose();

export interface TokenRequestOptions {
  /** Overrides the spec's client authentication (Plane's client-credentials grant uses Basic). */
  clientAuth?: "body" | "basic";
  now?: Date;
  dispatcher?: Dispatcher;
}

/**
 * POSTs one grant (authorization_code, refresh_token, client_credentials) to the provider's token
 * endpoint, encoded the provider's way (client-auth.ts). A refusal arrives as 4xx, or (GitHub) as 200 with an `error` field: both become OAuthGrantError.
 */
export async function requestToken(provider: Provider, grant: Record<string, string>, client: OAuthClient, options: TokenRequestOptions = {}): Promise<TokenSet> {
  const { headers, body } = encodeOAuthRequest(provider, grant, client, options.clientAuth);

  let status: number;
  let text: string;
  let contentType: string;
  try {
    const res = await request(oauthEndpoints(provider).tokenUrl, { method: "POST", headers, body, dispatcher: options.dispatcher ?? sharedAgent() });
    status = res.statusCode;
    text = await res.body.text();
    contentType = String(res.headers["content-type"] ?? "");
  } catch {
    // The cause may name the URL, never the body; still, keep only what we know is safe.
    throw new OAuthGrantError(provider.id, "token_endpoint_unreachable", "the token endpoint could not be reached");
  }

  const parsed = TokenResponseSchema.safeParse(parseBody(text, contentType));
  if (!parsed.success) throw new OAuthGrantError(provider.id, status >= 400 ? `http_${status}` : "invalid_token_response", "the token endpoint answered an unexpected body");
  const data = parsed.data;
  if (data.error) throw new OAuthGrantError(provider.id, data.error, data.error_description ?? null);
  if (status < 200 || status >= 300) throw new OAuthGrantError(provider.id, `http_${status}`, null);
  if (!data.access_token) throw new OAuthGrantError(provider.id, "invalid_token_response", "the token endpoint granted no access_token");

  const now = options.now ?? new Date();
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token ?? null,
    expiresAt: data.expires_in ? new Date(now.getTime() + data.expires_in * 1000) : null,
    scopes: data.scope === undefined || data.scope === null ? null : splitScopes(data.scope),
  };
}

/** JSON, or a form body (GitHub without the Accept header, some gateways); anything else is empty. */
function parseBody(text: string, contentType: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return contentType.includes("application/x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(text)) : {};
  }
}

/** GitHub says "repo,user", the RFC says "repo user". */
function splitScopes(scope: string | string[]): string[] {
  const list = Array.isArray(scope) ? scope : scope.split(/[\s,]+/);
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}
