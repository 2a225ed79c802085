import { request, type Dispatcher } from "undici";
import { sharedAgent } from "../http/agent";
import type { Provider } from "../providers/provider";
import { encodeOAuthRequest } from "./client-auth";
import { oauthEndpoints } from "./endpoints";
import type { OAuthClient } from "../config/oauth";

/**
 * RFC 7009 revocation at the provider's revokeUrl: `token=…` plus the client's authentication,
 * encoded the way its token endpoint takes them (client-auth.ts). Returns whether the provider confirmed (2xx);
 * false when it has no revocation endpoint. Never throws for the provider's answer: disconnect
 * goes on either way, and the caller logs the outcome (never the token).
 */
export async function revokeToken(provider: Provider, token: string, client: OAuthClient, dispatcher?: Dispatcher): Promise<boolean> {
  const revokeUrl = oauthEndpoints(provider).revokeUrl;
  if (!revokeUrl) return false;
  const { headers, body } = encodeOAuthRequest(provider, { token }, client);
  try {
    const res = await request(revokeUrl, {
      method: "POST",
      headers,
      body,
      dispatcher: dispatcher ?? sharedAgent(),
    });
    await res.body.text();
    return res.statusCode >= 200 && res.statusCode < 300;
  } catch {
    return false;
  }
}
