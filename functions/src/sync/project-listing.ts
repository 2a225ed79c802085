import { logger } from "firebase-functions";
import type { Project } from "../domain/project";
import type { ProviderId } from "../domain/provider-id";
import { RateLimitedError } from "../http/errors";
import type { ProjectInfo, Provider, ProviderSession } from "../providers/provider";
import { upsertProjects } from "../store/projects";
import { refs } from "../store/refs";

/**
 * The integration's projects: listed at the provider and recorded, or, while its rate limit is
 * spent, the ones recorded by the last listing. A spent limit must not refuse a sync request (the
 * runs wait for the reset in their own tasks); only an integration never listed has nothing to fall back on.
 */
export async function currentProjects(
  orgId: string,
  integrationId: string,
  providerId: ProviderId,
  provider: Provider,
  session: ProviderSession,
  now: Date,
): Promise<Map<string, Project>> {
  let listed: ProjectInfo[];
  try {
    listed = await provider.listProjects(session);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const stored = await refs.projects(orgId, integrationId).get();
    if (stored.empty) throw error;
    logger.info("projects not listed: rate limited; using the recorded ones", { orgId, integrationId, resetAt: error.resetAt.toISOString() });
    return new Map(stored.docs.map((doc) => [doc.id, doc.data()]));
  }
  return upsertProjects(orgId, integrationId, providerId, listed, now);
}
