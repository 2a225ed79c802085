import { REGION, webhookBaseUrl } from "../config";
import type { ProviderId } from "../domain/provider-id";

/** Our endpoint for one integration, as providers are told to deliver to: …/webhooks/{provider}/{integrationId}. */
export function webhookUrl(provider: ProviderId, integrationId: string): string {
  const base = webhookBaseUrl.value() || `https://${REGION}-${process.env.GCLOUD_PROJECT ?? ""}.cloudfunctions.net/webhooks`;
  return `${base.replace(/\/+$/, "")}/${provider}/${encodeURIComponent(integrationId)}`;
}

/**
 * The query parameter of a handshake's one-time token. Asana delivers to the full target URL,
 * query included ("allows encoding of application-specific state", its OpenAPI's `target`), so
 * every later delivery carries it too; only the handshake reads it (receive.ts).
 */
export const HANDSHAKE_TOKEN_PARAM = "handshake";

/** The target URL of one webhook create that its provider answers with a handshake. */
export function handshakeUrl(url: string, token: string): string {
  return `${url}?${HANDSHAKE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * The provider and integration named by a request path. The function sees the path after its
 * own name ("/github/int-1"); a path that still carries "/webhooks" is read the same way.
 */
export function parseWebhookPath(path: string): { provider: string; integrationId: string } | null {
  const match = /^\/(?:webhooks\/)?([^/]+)\/([^/]+)\/?$/.exec(path);
  if (!match) return null;
  try {
    return { provider: match[1] as string, integrationId: decodeURIComponent(match[2] as string) };
  } catch {
    // Malformed percent-encoding ("%E0%A4%A") names nothing.
    return null;
  }
}
