import { failStaleRuns } from "../sync/stale-runs";
import { deleteExpired } from "../store/expired-documents";
import { EXPIRING_COLLECTIONS } from "../store/refs";

export interface CleanupReport {
  staleRunsFailed: number;
  expired: Record<string, number>;
}

/** The body of the scheduled `cleanup`: a plain function, so it can run on demand. */
export async function cleanup(now: Date): Promise<CleanupReport> {
  const staleRunsFailed = await failStaleRuns(now);
  const expired: Record<string, number> = {};
  for (const collection of EXPIRING_COLLECTIONS) expired[collection] = await deleteExpired(collection, now);
  return { staleRunsFailed, expired };
}
