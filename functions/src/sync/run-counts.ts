import type { SyncRunStatus } from "../domain/sync-run";
import { applyOrgCountDeltaOnce } from "../store/org-counts";

const MARKER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How one run's change of status moves the org's pending and running counts. */
export function countDelta(before: SyncRunStatus | null, after: SyncRunStatus | null): { pending: number; running: number } {
  const weight = (status: SyncRunStatus | null, counted: SyncRunStatus) => (status === counted ? 1 : 0);
  return {
    pending: weight(after, "pending") - weight(before, "pending"),
    running: weight(after, "running") - weight(before, "running"),
  };
}

/**
 * Applies a run's count delta to orgs/{org}/stats/sync exactly once per trigger event: the
 * event's marker is created in the same atomic batch as the increments, so a redelivered event
 * fails on the marker and changes nothing.
 */
export async function applyRunCountDelta(orgId: string, eventId: string, before: SyncRunStatus | null, after: SyncRunStatus | null): Promise<boolean> {
  const delta = countDelta(before, after);
  if (delta.pending === 0 && delta.running === 0) return false;
  return applyOrgCountDeltaOnce(orgId, `syncRunCounts:${eventId}`, new Date(Date.now() + MARKER_TTL_MS), delta);
}
