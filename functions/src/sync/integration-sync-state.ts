import type { SyncState } from "../domain/integration";
import type { SyncRun } from "../domain/sync-run";
import { TERMINAL_RUN_STATUSES } from "../domain/sync-run";
import { recomputeSyncState } from "../store/integrations";

/**
 * Recomputes an integration's syncState after one of its runs changed. The active-run and task
 * counts are read inside the transaction, so the result depends on the current state rather than
 * on the order or number of trigger deliveries: delivering an event twice changes nothing.
 */
export function refreshIntegrationSyncState(orgId: string, integrationId: string, changed: SyncRun | null): Promise<void> {
  return recomputeSyncState(orgId, integrationId, (previous, activeRuns, taskCount) => nextSyncState(previous, changed, activeRuns, taskCount));
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
