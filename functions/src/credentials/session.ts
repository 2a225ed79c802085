import type { Integration } from "../domain/integration";
import { HttpClient } from "../http/client";
import { credentialsAfterUnauthorized, usableCredentials } from "./refresh";
import { integrationRateLimitStore } from "./rate-limit-store";
import type { Provider, ProviderSession } from "../providers/provider";
import { providerFor } from "../providers/registry";

export interface OpenedSession {
  provider: Provider;
  session: ProviderSession;
}

/**
 * A provider session for one integration: its credential decrypted (and refreshed when it is
 * about to expire, or when the provider answers 401), the provider's auth header, base URL and
 * rate-limit policy applied, and its rate-limit state shared through Firestore.
 */
export async function openSession(orgId: string, integrationId: string, integration: Integration): Promise<OpenedSession> {
  const provider = providerFor(integration.provider);
  // Refreshed first when it expires within the margin; refreshed again if the provider still says 401.
  let credentials = await usableCredentials(orgId, integrationId);
  const http = new HttpClient({
    provider: provider.id,
    baseUrl: integration.baseUrl ?? provider.defaultBaseUrl,
    headers: provider.authHeaders(credentials.accessToken, credentials.authKind),
    policy: provider.rateLimit,
    rateLimitKey: integrationId,
    rateLimitStore: integrationRateLimitStore(orgId),
    onUnauthorized: async () => {
      const renewed = await credentialsAfterUnauthorized(orgId, integrationId, credentials.accessToken);
      if (!renewed || renewed.accessToken === credentials.accessToken) return null;
      credentials = renewed;
      return provider.authHeaders(renewed.accessToken, renewed.authKind);
    },
  });
  return { provider, session: { http, account: integration.account } };
}
