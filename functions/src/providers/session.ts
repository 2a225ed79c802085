import { keyring } from "../config";
import type { Integration } from "../domain/integration";
import { HttpClient } from "../http/client";
import { loadCredentials } from "../store/credentials";
import { integrationRateLimitStore } from "../store/rate-limit-store";
import type { Provider, ProviderSession } from "./provider";
import { providerFor } from "./registry";

export interface OpenedSession {
  provider: Provider;
  session: ProviderSession;
}

/**
 * A provider session for one integration: its credential decrypted, the provider's auth header,
 * base URL and rate-limit policy applied, and its rate-limit state shared through Firestore.
 */
export async function openSession(orgId: string, integrationId: string, integration: Integration): Promise<OpenedSession> {
  const provider = providerFor(integration.provider);
  const credentials = await loadCredentials(integrationId, keyring());
  const http = new HttpClient({
    provider: provider.id,
    baseUrl: integration.baseUrl ?? provider.defaultBaseUrl,
    headers: provider.authHeaders(credentials.accessToken, credentials.authKind),
    policy: provider.rateLimit,
    rateLimitKey: integrationId,
    rateLimitStore: integrationRateLimitStore(orgId),
  });
  return { provider, session: { http, account: integration.account } };
}
