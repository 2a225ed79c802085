import { Timestamp } from "firebase-admin/firestore";
import type { SyncState } from "../domain/integration";
import type { SyncRun } from "../domain/sync-run";
import { TERMINAL_RUN_STATUSES } from "../domain/sync-run";
import { db } from "../store/db";
import { refs } from "../store/refs";

/**
 * Recomputes an integration's syncState after one of its runs changed. The active-run and task
 * counts are read inside the transaction, so the result depends on the current state rather than
 * on the order or number of trigger deliveries: delivering an event twice changes nothing.
 */
export async function refreshIntegrationSyncState(orgId: string, integrationId: string, changed: SyncRun | null): Promise<void> {
  const integrationRef = refs.integration(orgId, integrationId);
  const activeRuns = refs.syncRuns(orgId).where("integrationId", "==", integrationId).where("status", "in", ["pending", "running"]).count();
  const liveTasks = refs.tasks(orgId).where("integrationId", "==", integrationId).where("deleted", "==", false).count();

  await db().runTransaction(async (tx) => {
    const integration = (await tx.get(integrationRef)).data();
    if (!integration) return;
    const [active, tasks] = await Promise.all([tx.get(activeRuns), tx.get(liveTasks)]);
    const next = nextSyncState(integration.syncState, changed, active.data().count, tasks.data().count);
    tx.update(integrationRef.withConverter(null), { syncState: toFirestore(next) });
  });
}

/** Pure: the new syncState from the previous one, the run that changed and the current counts. */
export function nextSyncState(previous: SyncState, changed: SyncRun | null, activeRuns: number, taskCount: number): SyncState {
  const state: SyncState = { ...previous, taskCount };
  const finished = changed && TERMINAL_RUN_STATUSES.includes(changed.status) && changed.status !== "cancelled" ? changed : null;
  // Only a run that finished after the last one recorded may change the outcome (events arrive in any order).
  if (finished?.finishedAt && (!previous.lastSyncAt || finished.finishedAt >= previous.lastSyncAt)) {
    state.lastSyncAt = finished.finishedAt;
    if (finished.status === "completed") {
      state.lastSuccessAt = finished.finishedAt;
      state.lastError = null;
      if (finished.mode === "full") state.lastFullSyncAt = finished.finishedAt;
    } else {
      state.lastError = finished.error ?? "the sync failed";
    }
  }
  state.status = activeRuns > 0 ? "syncing" : state.lastError ? "error" : "idle";
  return state;
}

function toFirestore(state: SyncState) {
  const ts = (date: Date | null) => (date ? Timestamp.fromDate(date) : null);
  return { ...state, lastSyncAt: ts(state.lastSyncAt), lastSuccessAt: ts(state.lastSuccessAt), lastFullSyncAt: ts(state.lastFullSyncAt) };
}
