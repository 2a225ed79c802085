import { randomUUID } from "node:crypto";

/** Long enough for one token request (its timeouts are shorter); a crashed holder frees it after this. */
export const LEASE_MS = 30_000;

/**
 * A holder id for one refresh attempt. Never one per process: an instance serves many requests at
 * once (up to 80 on v2), and two of them holding "the same" lease would both refresh a rotating
 * refresh token, the second with one already spent. The lease itself (oauthRefreshLeases/{integrationId})
 * is written by store/refresh-leases.ts.
 */
export function newLeaseHolder(): string {
  return randomUUID();
}
