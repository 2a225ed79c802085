import { Timestamp } from "firebase-admin/firestore";
import { describeWait, MAX_PROVIDER_WAIT_MS } from "../http/rate-limit";
import { refs } from "../store/refs";
import { failRun } from "../store/sync-runs";
import { RUN_DEADLINE_HORIZON_MS } from "./timing";

/** Clocks of instances differ a little: a deadline only this much past the horizon is not yet suspicious. */
const HORIZON_SLACK_MS = 5 * 60 * 1000;

/**
 * Fails runs that can no longer end on their own, so the org's counts never stay stuck:
 * - pending or running past their deadline: the worker crashed and its retries ran out, its
 *   heartbeat (the deadline each saved page moves) went stale, or its task was lost;
 * - pending or running with a deadline further ahead than any live run can have: a continuation
 *   scheduled for a wait beyond MAX_PROVIDER_WAIT_MS (written before waits were capped).
 */
export async function failStaleRuns(now: Date): Promise<number> {
  let failed = 0;
  const farAhead = Timestamp.fromMillis(now.getTime() + RUN_DEADLINE_HORIZON_MS + HORIZON_SLACK_MS);
  for (const status of ["pending", "running"] as const) {
    const runs = refs.allSyncRuns().where("status", "==", status);
    const stale = await runs.where("deadlineAt", "<", Timestamp.fromDate(now)).select().get();
    for (const doc of stale.docs) {
      const orgId = doc.ref.parent.parent?.id;
      if (!orgId) continue;
      await failRun(orgId, doc.id, `the sync stopped without finishing (it was ${status} past its deadline)`, now);
      failed += 1;
    }
    const parked = await runs.where("deadlineAt", ">", farAhead).select("deadlineAt").get();
    for (const doc of parked.docs) {
      const orgId = doc.ref.parent.parent?.id;
      if (!orgId) continue;
      const deadline = (doc.get("deadlineAt") as Timestamp).toDate();
      const message = `the sync was set to wait until ${deadline.toISOString()} (${describeWait(deadline.getTime() - now.getTime())}), longer than the ${describeWait(MAX_PROVIDER_WAIT_MS)} a sync waits for a rate limit`;
      await failRun(orgId, doc.id, message, now);
      failed += 1;
    }
  }
  return failed;
}
