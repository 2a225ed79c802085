import { Timestamp } from "firebase-admin/firestore";
import { db } from "../store/db";
import { failRun } from "./run-store";

/**
 * Fails runs whose deadline passed while still pending or running: their worker crashed and its
 * retries ran out, or their task was lost. Without this the org's counts would stay stuck.
 */
export async function failStaleRuns(now: Date): Promise<number> {
  let failed = 0;
  for (const status of ["pending", "running"] as const) {
    const stale = await db()
      .collectionGroup("syncRuns")
      .where("status", "==", status)
      .where("deadlineAt", "<", Timestamp.fromDate(now))
      .select()
      .get();
    for (const doc of stale.docs) {
      const orgId = doc.ref.parent.parent?.id;
      if (!orgId) continue;
      await failRun(orgId, doc.id, `the sync stopped without finishing (it was ${status} past its deadline)`, now);
      failed += 1;
    }
  }
  return failed;
}
