import { Timestamp } from "firebase-admin/firestore";
import { db } from "./db";
import type { TaskVersionState } from "./task-version";

/** What the sync needs to know about a stored task to decide whether to write it (under store/task-version.ts's rule). */
export interface StoredTaskState extends TaskVersionState {
  externalId: string;
  providerRef: string;
  /**
   * For preconditions: the page writer and the tombstones only write over the task if nothing
   * touched it since it was read (null: unknown, so the page writer re-reads it in a transaction).
   */
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
    .select("externalId", "providerRef", "contentHash", "deleted", "updatedAt")
    .get();
  return new Map(
    snapshot.docs.map((doc) => [
      doc.id,
      {
        externalId: String(doc.get("externalId")),
        providerRef: String(doc.get("providerRef")),
        contentHash: String(doc.get("contentHash")),
        deleted: doc.get("deleted") === true,
        updatedAt: versionOf(doc.get("updatedAt")),
        updateTime: doc.updateTime,
      },
    ]),
  );
}

/** A stored updatedAt; a document without one (never written by us) is older than any version. */
function versionOf(value: unknown): Date {
  return value instanceof Timestamp ? value.toDate() : new Date(0);
}
