import { Timestamp } from "firebase-admin/firestore";
import { db } from "./db";
import { deleteAll } from "./delete-all";

/**
 * Deletes the collection's documents past their `expireAt`, a page at a time (the expiring
 * collections are refs.ts's EXPIRING_COLLECTIONS). Production also has TTL policies on these
 * fields, but TTL may lag by a day and the emulator has none.
 */
export async function deleteExpired(collection: string, now: Date): Promise<number> {
  return deleteAll(db().collection(collection).where("expireAt", "<", Timestamp.fromDate(now)));
}
