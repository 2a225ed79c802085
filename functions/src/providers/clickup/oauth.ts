import type { OAuthSpec } from "../provider";

/**
 * ClickUp OAuth (authorization code only). The authorize page lets the user pick the Workspaces
 * to grant; there are no scopes, no PKCE (not documented anywhere), no refresh token and no
 * expiry, and no revocation endpoint (the user removes the app in ClickUp). The token endpoint
 * takes client_id, client_secret and code as JSON (CU-OAS GetAccessToken).
 */
export const clickupOAuth: OAuthSpec = {
  authorizeUrl: "https://app.clickup.com/api",
  tokenUrl: "https://api.clickup.com/api/v2/oauth/token",
  revokeUrl: null,
  scopes: [],
  scopeSeparator: ",",
  pkce: false,
  clientAuth: "body",
  tokenRequestFormat: "json",
  extraAuthorizeParams: {},
  // No app-installation tokens: every connection acts for the user who authorized it.
  clientCredentials: null,
};
