import type { AuthKind } from "../../domain/integration";
import type { OAuthSpec } from "../provider";

/**
 * Linear OAuth 2.0 (linear.app/developers/oauth-2-0-authentication). `write` covers creating
 * issues and comments and completing issues. No `admin`: webhooks come from the OAuth app's own
 * webhook settings, which Linear creates for every organization that installs the app, so we
 * never call webhookCreate. Scopes are comma-separated. PKCE S256 is supported per Linear's OAuth
 * client metadata (third-party confirmed). The revoke endpoint is UNCONFIRMED in primary docs.
 */
export const linearOAuth: OAuthSpec = {
  authorizeUrl: "https://linear.app/oauth/authorize",
  tokenUrl: "https://api.linear.app/oauth/token",
  revokeUrl: "https://api.linear.app/oauth/revoke",
  scopes: ["read", "write"],
  scopeSeparator: ",",
  pkce: true,
  clientAuth: "body",
  tokenRequestFormat: "form",
  extraAuthorizeParams: { response_type: "code" },
  // No app-installation tokens: every connection acts for the user who authorized it.
  clientCredentials: null,
};

/** A personal API key goes raw in Authorization (Linear SDK client.ts); OAuth and anything else as Bearer. */
export function linearAuthHeaders(token: string, kind: AuthKind): Record<string, string> {
  return { Authorization: kind === "personal" ? token : `Bearer ${token}` };
}
