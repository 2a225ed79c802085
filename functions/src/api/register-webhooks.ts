import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { ProviderHttpError } from "../http/errors";
import { IntegrationNotConnectedError, IntegrationNotFoundError, registerIntegrationWebhooks, type RegistrationReport } from "../webhooks/registration";
import { requireMember } from "./auth";
import { parseCallableData } from "./callable-input";
import { RegisterWebhooksInputSchema } from "./input-schemas";

/**
 * registerWebhooks: an owner creates the integration's missing webhooks. For a provider without
 * a webhook API (Plane) it answers mode "manual" with the URL to paste into the provider.
 */
export async function registerWebhooks(request: CallableRequest<unknown>): Promise<RegistrationReport> {
  const input = parseCallableData(RegisterWebhooksInputSchema, request.data);
  await requireMember(request, input.orgId, "owner");
  try {
    return await registerIntegrationWebhooks(input.orgId, input.integrationId, new Date());
  } catch (error) {
    if (error instanceof IntegrationNotFoundError) throw new HttpsError("not-found", "No such integration.");
    if (error instanceof IntegrationNotConnectedError) throw new HttpsError("failed-precondition", "The integration is not connected; connect it again first.");
    // The provider refused (no admin rights on the repository, a missing scope): say so, without the token.
    if (error instanceof ProviderHttpError && !error.retryable) throw new HttpsError("failed-precondition", `The provider refused to create the webhook: ${error.message}`);
    throw error;
  }
}
