import { logger } from "firebase-functions";
import { onDocumentWritten } from "firebase-functions/firestore";
import { onMessagePublished } from "firebase-functions/pubsub";
import { onSchedule } from "firebase-functions/scheduler";
import { onTaskDispatched } from "firebase-functions/tasks";
import { TOPICS } from "../config";
import { parseDocument } from "../domain/converter";
import { SyncRunSchema, type SyncRun } from "../domain/sync-run";
import { CREDENTIAL_SECRETS } from "../config/oauth";
import { hasEventMarker, setEventMarker } from "../store/event-markers";
import { fanOut } from "./fan-out";
import { refreshIntegrationSyncState } from "./integration-sync-state";
import { ProjectNotSelectedError } from "./project-selection";
import { reconcile } from "./reconcile";
import { applyRunCountDelta } from "./run-counts";
import { SyncRequestSchema } from "./sync-request";
import { SyncTaskSchema } from "./task-queue";
import { WORKER_TIMEOUT_SECONDS } from "./timing";
import { runSyncTask } from "./worker";

/**
 * Queue settings, chosen deliberately:
 * - 5 attempts with 10 s → 300 s backoff: rides out a provider's bad minutes without hammering it;
 *   the worker fails the run itself on the last attempt, so it never stays "running".
 * - 6 concurrent dispatches, 5/s: provider limits are per credential (Plane 60/min, ClickUp
 *   100/min), so many projects of one integration in parallel would only trade pages for 429s.
 */
export const SYNC_RETRY = { maxAttempts: 5, minBackoffSeconds: 10, maxBackoffSeconds: 300, maxDoublings: 4 } as const;

export const syncProject = onTaskDispatched(
  {
    retryConfig: SYNC_RETRY,
    rateLimits: { maxConcurrentDispatches: 6, maxDispatchesPerSecond: 5 },
    timeoutSeconds: WORKER_TIMEOUT_SECONDS,
    memory: "512MiB",
    secrets: CREDENTIAL_SECRETS,
  },
  async (request) => {
    const task = SyncTaskSchema.safeParse(request.data);
    // A malformed task can never succeed: acknowledge it instead of letting Cloud Tasks retry it.
    if (!task.success) {
      logger.error("syncProject: malformed task dropped", { issues: task.error.issues.map((i) => i.path.join(".")) });
      return;
    }
    await runSyncTask(task.data, { retryCount: request.retryCount ?? 0, maxAttempts: SYNC_RETRY.maxAttempts, now: () => new Date() });
  },
);

export const fanOutSync = onMessagePublished({ topic: TOPICS.integrationSync, retry: true, secrets: CREDENTIAL_SECRETS, timeoutSeconds: 300 }, async (event) => {
  const message = event.data.message;
  const request = SyncRequestSchema.safeParse(decodeJson(message.data));
  if (!request.success) {
    logger.error("integration-sync: malformed message dropped", { messageId: message.messageId });
    return;
  }
  // Redeliveries share the messageId (the emulator's event id is random, so never dedupe on that).
  const marker = `integration-sync:${message.messageId}`;
  if (await hasEventMarker(marker)) return;
  try {
    await fanOut(request.data, new Date());
  } catch (error) {
    // A retry cannot change the selection's answer: log the refusal and acknowledge the message.
    if (!(error instanceof ProjectNotSelectedError)) throw error;
    logger.warn("integration-sync: request for a project outside the selection refused", { orgId: request.data.orgId, projectId: error.projectId });
  }
  await setEventMarker(marker, new Date(Date.now() + 7 * 24 * 3600 * 1000));
});

/**
 * Retried (Eventarc redelivers the same event id for up to 24 h): a failure would otherwise leave
 * the org's counts off for good. Safe to retry: the count delta is applied once per event id (its
 * marker is created in the same batch), and the sync state is recomputed from current documents.
 */
export const onSyncRunWritten = onDocumentWritten({ document: "orgs/{orgId}/syncRuns/{runId}", retry: true }, async (event) => {
  const orgId = event.params.orgId;
  const path = `orgs/${orgId}/syncRuns/${event.params.runId}`;
  const before = event.data?.before.exists ? parseDocument(SyncRunSchema, event.data.before.data(), path) : null;
  const after = event.data?.after.exists ? parseDocument(SyncRunSchema, event.data.after.data(), path) : null;
  const run: SyncRun | null = after ?? before;
  if (!run) return;
  await applyRunCountDelta(orgId, event.id, before?.status ?? null, after?.status ?? null);
  await refreshIntegrationSyncState(orgId, run.integrationId, after);
});

export const reconcileSchedule = onSchedule({ schedule: "every 60 minutes", timeZone: "Etc/UTC", retryCount: 1 }, async () => {
  await reconcile(new Date());
});

function decodeJson(data: string): unknown {
  try {
    return JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}
