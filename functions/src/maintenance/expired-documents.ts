import { Timestamp } from "firebase-admin/firestore";
import { db } from "../store/db";
import { deleteAll } from "../store/delete-all";

export { EXPIRING_COLLECTIONS } from "../store/refs";

/**
 * Deletes documents past their `expireAt`, a page at a time. Production also has TTL policies on
 * these fields, but TTL may lag by a day and the emulator has none.
 */
export async function deleteExpired(collection: string, now: Date): Promise<number> {
  return deleteAll(db().collection(collection).where("expireAt", "<", Timestamp.fromDate(now)));
}
