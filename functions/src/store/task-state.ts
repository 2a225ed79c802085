import type { Timestamp } from "firebase-admin/firestore";
import { db } from "./db";

/** What the sync needs to know about a stored task to decide whether to write it. */
export interface StoredTaskState {
  externalId: string;
  providerRef: string;
  contentHash: string;
  deleted: boolean;
  /** For preconditions: a tombstone is only written if nothing touched the task since it was read (null: written by us since). */
  updateTime: Timestamp | null;
}

/**
 * Every stored task of one project, read once per worker invocation with a projection, so
 * comparing a page costs no read per task.
 */
export async function loadProjectTaskState(orgId: string, integrationId: string, projectId: string): Promise<Map<string, StoredTaskState>> {
  const snapshot = await db()
    .collection(`orgs/${orgId}/tasks`)
    .where("integrationId", "==", integrationId)
    .where("projectId", "==", projectId)
    .select("externalId", "providerRef", "contentHash", "deleted")
    .get();
  return new Map(
    snapshot.docs.map((doc) => [
      doc.id,
      {
        externalId: String(doc.get("externalId")),
        providerRef: String(doc.get("providerRef")),
        contentHash: String(doc.get("contentHash")),
        deleted: doc.get("deleted") === true,
        updateTime: doc.updateTime,
      },
    ]),
  );
}
