import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import { DisconnectIntegrationInputSchema } from "../api/input-schemas";
import { keyring } from "../credentials/active-keyring";
import { providerFor } from "../providers/registry";
import { deleteCredentials, loadCredentials, MissingCredentialsError, type Credentials } from "../credentials/credential-store";
import { KeyringError } from "../credentials/keyring";
import { deleteAll } from "../store/delete-all";
import { markIntegrationDisconnected } from "../store/integrations";
import { refs } from "../store/refs";
import { releaseRefreshLease } from "../store/refresh-leases";
import { cancelActiveRunsOf } from "../store/sync-runs";
import { oauthClient } from "../config/oauth";
import { revokeToken } from "../oauth/revoke";
import { deleteRegisteredWebhooks } from "./webhook-hooks";

export interface DisconnectResult {
  revoked: boolean;
  webhooksDeleted: boolean;
  runsCancelled: number;
  tasksDeleted: number;
  projectsDeleted: number;
}

/**
 * disconnectIntegration (owner only): the integration is marked disconnected and its pending runs
 * cancelled first, so nothing new starts and running workers stop at their next page; then, while
 * the credential still works, its webhooks are deleted and the token revoked (where the provider
 * can); then the credential, the tasks and the projects are deleted, in pages. Safe to call
 * again: every step works on what is left.
 */
export async function disconnectIntegration(request: CallableRequest<unknown>): Promise<DisconnectResult> {
  const input = parseCallableData(DisconnectIntegrationInputSchema, request.data);
  const uid = await requireMember(request, input.orgId, "owner");
  const { orgId, integrationId } = input;
  const integration = (await refs.integration(orgId, integrationId).get()).data();
  if (!integration) throw new HttpsError("not-found", "No such integration.");
  const provider = providerFor(integration.provider);

  await markIntegrationDisconnected(orgId, integrationId, "Disconnected by an owner.");
  const runsCancelled = await cancelActiveRunsOf(orgId, integrationId, "the integration was disconnected");

  const credentials = await readCredentials(integrationId);
  const webhooks = await deleteRegisteredWebhooks({ orgId, integrationId, provider: provider.id });
  const revoked = credentials ? await revoke(credentials, integrationId) : false;
  await deleteCredentials(integrationId);
  await releaseRefreshLease(integrationId);

  const tasksDeleted = await deleteAll(refs.tasks(orgId).where("integrationId", "==", integrationId));
  const projectsDeleted = await deleteAll(refs.projects(orgId, integrationId));
  logger.info("integration disconnected", { orgId, integrationId, by: uid, revoked, runsCancelled, tasksDeleted, projectsDeleted });
  return { revoked, webhooksDeleted: webhooks.done, runsCancelled, tasksDeleted, projectsDeleted };
}

async function readCredentials(integrationId: string): Promise<Credentials | null> {
  try {
    return await loadCredentials(integrationId, keyring());
  } catch (error) {
    // Already deleted by an earlier call, or unreadable: either way there is nothing to revoke with.
    if (error instanceof MissingCredentialsError || error instanceof KeyringError) return null;
    throw error;
  }
}

/** Revokes the grant where the provider has an endpoint: the refresh token when there is one (Asana revokes the grant by it). */
async function revoke(credentials: Credentials, integrationId: string): Promise<boolean> {
  const provider = providerFor(credentials.provider);
  if (credentials.authKind !== "oauth" || !provider.oauth.revokeUrl) return false;
  try {
    const revoked = await revokeToken(provider, credentials.refreshToken ?? credentials.accessToken, oauthClient(provider.id));
    if (!revoked) logger.warn("token revocation was not confirmed", { integrationId, provider: provider.id });
    return revoked;
  } catch (error) {
    logger.warn("token revocation failed", { integrationId, provider: provider.id, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
