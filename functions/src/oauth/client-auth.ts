import type { Provider } from "../providers/provider";
import type { OAuthClient } from "../config/oauth";

export interface EncodedOAuthRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * A request to a provider's OAuth endpoint (token, revoke), sent the provider's way: the client
 * id and secret in the body or as HTTP Basic, the body form-encoded or JSON (OAuthSpec).
 * `Accept: application/json` makes GitHub answer JSON instead of a form.
 */
export function encodeOAuthRequest(
  provider: Provider,
  params: Record<string, string>,
  client: OAuthClient,
  clientAuth: "body" | "basic" = provider.oauth.clientAuth,
): EncodedOAuthRequest {
  const fields: Record<string, string> = { ...params };
  const headers: Record<string, string> = { accept: "application/json" };
  if (clientAuth === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`;
  } else {
    fields.client_id = client.clientId;
    fields.client_secret = client.clientSecret;
  }
  const json = provider.oauth.tokenRequestFormat === "json";
  headers["content-type"] = json ? "application/json" : "application/x-www-form-urlencoded";
  return { headers, body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString() };
}
