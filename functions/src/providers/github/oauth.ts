import type { OAuthSpec } from "../provider";

/**
 * GitHub OAuth App authorization, as data (shared/providers.md §2.1). The URLs are github.com's;
 * a GitHub Enterprise Server host serves the same paths under its own origin.
 */
export const githubOAuth: OAuthSpec = {
  authorizeUrl: "https://github.com/login/oauth/authorize",
  // Answers form-encoded unless the request sends `Accept: application/json`.
  tokenUrl: "https://github.com/login/oauth/access_token",
  // GitHub revokes with DELETE /applications/{client_id}/token under Basic auth, not an RFC 7009
  // endpoint a generic client could call, so none is offered.
  revokeUrl: null,
  // `repo` covers private repositories' issues and their webhooks; `public_repo` would miss private ones.
  scopes: ["repo"],
  scopeSeparator: " ",
  // S256 since the 2025-07-14 changelog (an older docs revision says otherwise; the newer source wins).
  pkce: true,
  clientAuth: "body",
  tokenRequestFormat: "form",
  extraAuthorizeParams: {},
  // No app-installation tokens: every connection acts for the user who authorized it.
  clientCredentials: null,
};
