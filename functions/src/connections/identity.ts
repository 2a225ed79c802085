import { randomUUID } from "node:crypto";
import type { Account, AuthKind } from "../domain/integration";
import { HttpClient } from "../http/client";
import type { Provider, ProviderSession } from "../providers/provider";

/**
 * A session for a token that is not stored yet (connect, token validation): no integration, so
 * no shared rate-limit state, and few attempts, because a person is waiting.
 */
export function bareSession(provider: Provider, token: string, authKind: AuthKind, baseUrl: string | null, workspaces: string[]): ProviderSession {
  const http = new HttpClient({
    provider: provider.id,
    baseUrl: baseUrl ?? provider.defaultBaseUrl,
    headers: provider.authHeaders(token, authKind),
    policy: provider.rateLimit,
    rateLimitKey: `connect:${randomUUID()}`,
    maxAttempts: 2,
    maxWaitMs: 5_000,
  });
  return { http, account: { id: "unidentified", name: null, workspaces } };
}

/** Who the token acts for, by a real call to the provider (its identify). Throws the HTTP error taxonomy. */
export async function identifyToken(provider: Provider, token: string, authKind: AuthKind, baseUrl: string | null, workspaces: string[]): Promise<Account> {
  return provider.identify(bareSession(provider, token, authKind, baseUrl, workspaces));
}
