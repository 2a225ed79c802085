import { subscribeSyncStats, type SyncStats } from "@taskbridge/client";
import { db } from "./firebase";
import { useSubscription } from "./use-subscription";

/** The org's live sync counts (orgs/{org}/stats/sync, kept exact by the backend's triggers). */
export function RunningBadge({ orgId }: { orgId: string }) {
  const stats = useSubscription<SyncStats>((l) => subscribeSyncStats(db, orgId, l), `stats/${orgId}`);
  const running = stats.value?.running ?? 0;
  return (
    <span className={`badge ${running > 0 ? "busy" : ""}`} title={`${stats.value?.pending ?? 0} pending`}>
      Running syncs: <strong data-testid="running-count">{stats.value ? running : "…"}</strong>
      {stats.value && stats.value.pending > 0 && <span> · {stats.value.pending} pending</span>}
    </span>
  );
}
