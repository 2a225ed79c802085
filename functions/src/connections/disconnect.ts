import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/https";
import { requireMember } from "../api/auth";
import { parseCallableData } from "../api/callable-input";
import { DisconnectIntegrationInputSchema } from "../api/input-schemas";
import { keyring } from "../credentials/active-keyring";
import { providerFor } from "../providers/registry";
import { deleteCredentials, loadCredentials, MissingCredentialsError, type Credentials } from "../credentials/credential-store";
import { db } from "../store/db";
import { KeyringError } from "../credentials/keyring";
import { deleteAll } from "../store/delete-all";
import { refs } from "../store/refs";
import { oauthClient } from "../config/oauth";
import { releaseLeaseNow } from "../credentials/refresh-lease";
import { revokeToken } from "../oauth/revoke";
import { deleteRegisteredWebhooks } from "./webhook-hooks";

/** Deletes per batch: under Firestore's 500 writes per batch. */
const DELETE_PAGE = 400;

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

  await refs.integration(orgId, integrationId).withConverter(null).update({
    status: "disconnected",
    statusMessage: "Disconnected by an owner.",
    updatedAt: FieldValue.serverTimestamp(),
  });
  const runsCancelled = await cancelActiveRuns(orgId, integrationId);

  const credentials = await readCredentials(integrationId);
  const webhooks = await deleteRegisteredWebhooks({ orgId, integrationId, provider: provider.id });
  const revoked = credentials ? await revoke(credentials, integrationId) : false;
  await deleteCredentials(integrationId);
  await releaseLeaseNow(integrationId);

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

async function cancelActiveRuns(orgId: string, integrationId: string): Promise<number> {
  const active = await refs.syncRuns(orgId).where("integrationId", "==", integrationId).where("status", "in", ["pending", "running"]).get();
  let cancelled = 0;
  for (let i = 0; i < active.docs.length; i += DELETE_PAGE) {
    const batch = db().batch();
    for (const doc of active.docs.slice(i, i + DELETE_PAGE)) {
      batch.update(doc.ref.withConverter(null), { status: "cancelled", finishedAt: Timestamp.now(), error: "the integration was disconnected" });
      cancelled += 1;
    }
    await batch.commit();
  }
  return cancelled;
}
