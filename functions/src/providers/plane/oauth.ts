import type { OAuthSpec } from "../provider";
import { installationWorkspaces } from "./installation";

/**
 * Plane app authorization (user-token flow), as data (shared/providers.md §3.1; the docs mark Plane
 * apps Beta). Bot tokens come from the same token URL with grant_type=client_credentials and Basic
 * client authentication, which the OAuth layer drives. Self-hosted instances serve these paths
 * under their own origin.
 */
export const planeOAuth: OAuthSpec = {
  authorizeUrl: "https://api.plane.so/auth/o/authorize-app/",
  tokenUrl: "https://api.plane.so/auth/o/token/",
  // No revocation endpoint is documented.
  revokeUrl: null,
  // Only what sync and write-back use. Estimate points need `projects.estimates:read` per the
  // estimate docs, but the OAuth scope list does not name it, so it is not requested (an unknown
  // scope could fail the whole authorization); points then stay null for OAuth connections.
  scopes: [
    "profile:read",
    "projects:read",
    "projects.states:read",
    "projects.members:read",
    "projects.labels:read",
    "projects.work_items:read",
    "projects.work_items:write",
    "projects.work_items.comments:read",
    "projects.work_items.comments:write",
  ],
  scopeSeparator: " ",
  // Neither the docs nor the official SDK mention PKCE.
  pkce: false,
  clientAuth: "body",
  tokenRequestFormat: "form",
  extraAuthorizeParams: { response_type: "code" },
  // Bot tokens: client_credentials for the app_installation_id the callback carries, once the
  // code's user token has been shown that installation (installation.ts), client id and secret as
  // HTTP Basic; no refresh token, so an expired one is minted again.
  clientCredentials: { installationParam: "app_installation_id", clientAuth: "basic", installationWorkspaces },
};
