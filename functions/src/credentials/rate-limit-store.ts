import { timestampsToDates } from "../domain/converter";
import { RateLimitSnapshotSchema } from "../domain/integration";
import type { RateLimitState, RateLimitStore } from "../http/types";
import { saveIntegrationRateLimit } from "../store/integrations";
import { refs } from "../store/refs";

/**
 * Keeps a credential's rate-limit state on its integration document (`rateLimit`), where every
 * instance that uses the credential reads it before its first request.
 */
export function integrationRateLimitStore(orgId: string): RateLimitStore {
  return {
    async load(integrationId: string): Promise<RateLimitState | null> {
      const snapshot = await refs.integration(orgId, integrationId).withConverter(null).get();
      const parsed = RateLimitSnapshotSchema.nullable().safeParse(timestampsToDates(snapshot.get("rateLimit") ?? null));
      return parsed.success ? parsed.data : null;
    },
    async save(integrationId: string, state: RateLimitState): Promise<void> {
      await saveIntegrationRateLimit(orgId, integrationId, { remaining: state.remaining, resetAt: state.resetAt });
    },
  };
}
