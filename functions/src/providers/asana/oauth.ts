import type { OAuthSpec } from "../provider";

/**
 * Asana OAuth: authorization code with PKCE (S256), form-encoded token requests, access tokens
 * of about an hour with a long-lived refresh token, and a revocation endpoint that takes the
 * refresh token (AS-docs-old _auth; AS-OAS securitySchemes).
 *
 * Granular scopes, one per call we make: apps registered with "Full permissions" could ask for
 * `default` instead, but asking for exactly what we use is what Asana now requires of apps with
 * registered scopes. time_tracking_entries:read is what exposes actual_time_minutes.
 */
export const asanaOAuth: OAuthSpec = {
  authorizeUrl: "https://app.asana.com/-/oauth_authorize",
  tokenUrl: "https://app.asana.com/-/oauth_token",
  revokeUrl: "https://app.asana.com/-/oauth_revoke",
  scopes: [
    "users:read",
    "workspaces:read",
    "projects:read",
    "tasks:read",
    "tasks:write",
    "stories:write",
    "tags:read",
    "time_tracking_entries:read",
    "webhooks:read",
    "webhooks:write",
    "webhooks:delete",
  ],
  scopeSeparator: " ",
  pkce: true,
  clientAuth: "body",
  tokenRequestFormat: "form",
  extraAuthorizeParams: { response_type: "code" },
  // No app-installation tokens: every connection acts for the user who authorized it.
  clientCredentials: null,
};
