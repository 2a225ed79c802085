import { PubSub } from "@google-cloud/pubsub";
import type { SyncRun } from "../../../functions/src/domain/sync-run";
import { refs } from "../../../functions/src/store/refs";
import type { SyncRequest } from "../../../functions/src/sync/sync-request";
import { waitFor } from "./wait-for";

const pubsub = new PubSub({ projectId: process.env.GCLOUD_PROJECT ?? "demo-taskbridge" });

/** Publishes to integration-sync as reconcile or the connect flow would. */
export async function publishSyncRequest(request: SyncRequest): Promise<string> {
  return pubsub.topic("integration-sync").publishMessage({ json: request });
}

export async function runsOf(orgId: string, integrationId: string): Promise<Array<SyncRun & { id: string }>> {
  const snapshot = await refs.syncRuns(orgId).where("integrationId", "==", integrationId).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() }));
}

/** Waits until `count` runs created at or after `since` have ended, and returns them. */
export async function waitForEndedRuns(orgId: string, integrationId: string, since: Date, count: number, timeoutMs = 60000): Promise<Array<SyncRun & { id: string }>> {
  return waitFor(
    `${count} ended runs`,
    async () => {
      const runs = (await runsOf(orgId, integrationId)).filter((run) => run.createdAt >= since);
      const ended = runs.filter((run) => run.status === "completed" || run.status === "failed" || run.status === "cancelled");
      return ended.length >= count && ended.length === runs.length ? ended : undefined;
    },
    timeoutMs,
  );
}
