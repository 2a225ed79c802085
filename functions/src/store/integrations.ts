import { FieldValue, Timestamp, type DocumentData } from "firebase-admin/firestore";
import type { Integration, RateLimitSnapshot, SyncState } from "../domain/integration";
import { db } from "./db";
import { refs } from "./refs";

/*
 * The writes of orgs/{orgId}/integrations/{integrationId}. Why a status changes, what a connection
 * stores and how sync state is computed belong to the callers (connections/, credentials/, sync/);
 * they come in as values and callbacks.
 */

/** A status change: the status and the message a client shows for it. */
function statusFields(status: Integration["status"], statusMessage: string) {
  return { status, statusMessage, updatedAt: FieldValue.serverTimestamp() };
}

async function setStatus(orgId: string, integrationId: string, status: Integration["status"], statusMessage: string): Promise<void> {
  await refs.integration(orgId, integrationId).withConverter(null).update(statusFields(status, statusMessage));
}

/** The user must connect again (a 401 that survived any refresh). */
export function markIntegrationNeedsReauth(orgId: string, integrationId: string, statusMessage: string): Promise<void> {
  return setStatus(orgId, integrationId, "needs_reauth", statusMessage);
}

export function markIntegrationDisconnected(orgId: string, integrationId: string, statusMessage: string): Promise<void> {
  return setStatus(orgId, integrationId, "disconnected", statusMessage);
}

/**
 * needs_reauth, unless the credential was replaced meanwhile: in one transaction with the read of
 * the stored credential, `replacement` (given that document) returns the credential that replaced
 * the refused one, or null; only on null is the integration marked. Returns the replacement.
 */
export function markNeedsReauthUnlessReplaced<C>(
  orgId: string,
  integrationId: string,
  statusMessage: string,
  replacement: (storedCredential: DocumentData | undefined) => C | null,
): Promise<C | null> {
  return db().runTransaction(async (tx) => {
    const replaced = replacement((await tx.get(refs.credentials(integrationId))).data());
    if (replaced !== null) return replaced;
    tx.update(refs.integration(orgId, integrationId).withConverter(null), statusFields("needs_reauth", statusMessage));
    return null;
  });
}

/** The credential's rate-limit state, where every instance using it reads it (credentials/rate-limit-store.ts). */
export async function saveIntegrationRateLimit(orgId: string, integrationId: string, state: RateLimitSnapshot): Promise<void> {
  await refs
    .integration(orgId, integrationId)
    .withConverter(null)
    .update({ rateLimit: { remaining: state.remaining, resetAt: state.resetAt ? Timestamp.fromDate(state.resetAt) : null } });
}

/**
 * Recomputes the integration's syncState in a transaction that reads the integration and the
 * current counts (its pending or running runs, its live tasks): `next` decides from those, so the
 * result depends on the current documents, not on the order or number of calls. Nothing happens
 * when the integration is gone.
 */
export async function recomputeSyncState(
  orgId: string,
  integrationId: string,
  next: (previous: SyncState, activeRuns: number, taskCount: number) => SyncState,
): Promise<void> {
  const integrationRef = refs.integration(orgId, integrationId);
  const activeRuns = refs.syncRuns(orgId).where("integrationId", "==", integrationId).where("status", "in", ["pending", "running"]).count();
  const liveTasks = refs.tasks(orgId).where("integrationId", "==", integrationId).where("deleted", "==", false).count();
  await db().runTransaction(async (tx) => {
    const integration = (await tx.get(integrationRef)).data();
    if (!integration) return;
    const [active, tasks] = await Promise.all([tx.get(activeRuns), tx.get(liveTasks)]);
    const state = next(integration.syncState, active.data().count, tasks.data().count);
    tx.update(integrationRef.withConverter(null), { syncState: syncStateData(state) });
  });
}

function syncStateData(state: SyncState) {
  const ts = (date: Date | null) => (date ? Timestamp.fromDate(date) : null);
  return { ...state, lastSyncAt: ts(state.lastSyncAt), lastSuccessAt: ts(state.lastSuccessAt), lastFullSyncAt: ts(state.lastFullSyncAt) };
}

/**
 * Stores a connection: the integration document and its credential document in one transaction,
 * so neither exists without the other. `build` gets what is stored of both (a reconnect keeps
 * parts of each) and returns the integration and the already-encrypted credential to store.
 */
export async function writeConnection(
  orgId: string,
  integrationId: string,
  build: (existing: Integration | undefined, storedCredential: DocumentData | undefined) => { integration: Integration; credential: DocumentData },
): Promise<void> {
  const ref = refs.integration(orgId, integrationId);
  const credentialRef = refs.credentials(integrationId);
  await db().runTransaction(async (tx) => {
    const existing = (await tx.get(ref)).data();
    const stored = (await tx.get(credentialRef)).data();
    const { integration, credential } = build(existing, stored);
    tx.set(ref, integration);
    tx.set(credentialRef, credential);
  });
}
