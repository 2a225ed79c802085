import type { Query } from "firebase-admin/firestore";
import { db } from "./db";

const PAGE = 400;

/** Deletes every document the query matches, a page (one batch) at a time, so any number works. */
export async function deleteAll(query: Query): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await query.limit(PAGE).select().get();
    if (page.empty) return deleted;
    const batch = db().batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += page.size;
    if (page.size < PAGE) return deleted;
  }
}
