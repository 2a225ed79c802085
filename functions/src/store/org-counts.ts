import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { db, isAlreadyExists } from "./db";
import { refs } from "./refs";

/*
 * The writes of orgs/{orgId}/stats/sync, the org's pending and running counts. What a run's change
 * of status moves them by is sync/run-counts.ts's.
 */

/**
 * Applies the delta once per `markerKey`: the marker (eventMarkers/, expiring at `markerExpireAt`)
 * is created in the same atomic batch as the increments, so a repeat fails on the marker and
 * changes nothing. Returns whether it applied.
 */
export async function applyOrgCountDeltaOnce(
  orgId: string,
  markerKey: string,
  markerExpireAt: Date,
  delta: { pending: number; running: number },
): Promise<boolean> {
  const batch = db().batch();
  batch.create(refs.eventMarker(markerKey), { expireAt: Timestamp.fromDate(markerExpireAt) });
  batch.set(refs.syncStats(orgId).withConverter(null), { pending: FieldValue.increment(delta.pending), running: FieldValue.increment(delta.running) }, { merge: true });
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}
