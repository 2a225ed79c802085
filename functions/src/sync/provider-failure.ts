import { UnauthorizedError } from "../http/errors";
import { markIntegrationNeedsReauth } from "../store/integrations";

/**
 * What a provider error means for the integration as a whole. A 401 that reaches here survived
 * any refresh, so the user must connect again: the integration becomes needs_reauth with a
 * message a client can show.
 */
export async function handleProviderFailure(orgId: string, integrationId: string, error: unknown): Promise<void> {
  if (error instanceof UnauthorizedError) {
    await markIntegrationNeedsReauth(orgId, integrationId, `The ${error.provider} connection was rejected (${error.providerMessage ?? "unauthorized"}). Connect it again.`);
  }
}
