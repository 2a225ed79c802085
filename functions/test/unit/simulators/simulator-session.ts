import { FakeClock } from "@taskbridge/simulators";
import type { Account, AuthKind } from "../../../src/domain/integration";
import { HttpClient } from "../../../src/http/client";
import type { Provider, ProviderSession } from "../../../src/providers/provider";

let sessions = 0;

/**
 * A session against a simulator built the way openSession (src/credentials/session.ts) builds one:
 * the provider's own auth headers and rate-limit policy on an HttpClient whose baseUrl is the
 * simulator's. One attempt per request, so a 429 or a fault surfaces as the error it maps to.
 */
export function simulatorSession(provider: Provider, baseUrl: string, token: string, kind: AuthKind, account: Account): ProviderSession {
  sessions += 1;
  const http = new HttpClient({
    provider: provider.id,
    baseUrl,
    headers: provider.authHeaders(token, kind),
    policy: provider.rateLimit,
    rateLimitKey: `simulator-${provider.id}-${sessions}-${Date.now()}`,
    // Pacing waits are recorded instead of slept, so a test near a rate limit does not stall.
    clock: FakeClock.onRealTime(),
    maxAttempts: 1,
  });
  return { http, account };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
