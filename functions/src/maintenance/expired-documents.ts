import { Timestamp } from "firebase-admin/firestore";
import { db } from "../store/db";

/** Collections whose documents carry an `expireAt` TTL field (declared in firestore.indexes.json). */
export const EXPIRING_COLLECTIONS = ["webhookDeliveries", "oauthStates", "eventMarkers", "writeLedger", "webhookHandshakes", "createRequests"] as const;

const PAGE = 400;

/**
 * Deletes documents past their `expireAt`, a page at a time. Production also has TTL policies on
 * these fields, but TTL may lag by a day and the emulator has none.
 */
export async function deleteExpired(collection: string, now: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const expired = await db().collection(collection).where("expireAt", "<", Timestamp.fromDate(now)).limit(PAGE).select().get();
    if (expired.empty) return deleted;
    const batch = db().batch();
    for (const doc of expired.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += expired.size;
    if (expired.size < PAGE) return deleted;
  }
}
