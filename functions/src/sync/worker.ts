import { logger } from "firebase-functions";
import { toNormalizedTask, type TaskContext } from "../domain/normalized-task";
import type { SyncRun } from "../domain/sync-run";
import { ValidationError } from "../domain/validation-error";
import { ProviderHttpError, RateLimitedError } from "../http/errors";
import { MAX_PROVIDER_WAIT_MS, describeWait } from "../http/rate-limit";
import { providerFor } from "../providers/registry";
import { openSession } from "../credentials/session";
import { projectInfo } from "../store/projects";
import { refs } from "../store/refs";
import { loadProjectTaskState, type StoredTaskState } from "../store/task-state";
import { writeChangedTasks, type ConfirmRevival } from "./page-writer";
import { handleProviderFailure } from "./provider-failure";
import { RunStoppedError, beginRun, completeRun, failRun, markContinuation, savePage } from "../store/sync-runs";
import { enqueueSyncTask, type SyncTask } from "./task-queue";
import { tombstoneUnseen } from "./tombstones";
import { RUN_PROGRESS_DEADLINE_MS, WORKER_BUDGET_MS } from "./timing";

/** A failure no retry can mend: the run fails at once with this message. */
export class PermanentSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentSyncError";
  }
}

export interface WorkerAttempt {
  /** 0 on the first delivery of this task. */
  retryCount: number;
  /** The queue's maxAttempts: on the last one a failure ends the run instead of asking for a retry. */
  maxAttempts: number;
  now: () => Date;
}

/**
 * One delivery of a syncProject task: page through the provider from the run's checkpoint, write
 * what changed, save the checkpoint after every page, and end the run, or hand it to a
 * continuation task when rate limited or near the deadline. Throws only for failures a Cloud
 * Tasks retry may mend.
 */
export async function runSyncTask(task: SyncTask, attempt: WorkerAttempt): Promise<void> {
  const startedAt = attempt.now();
  const run = await beginRun(task.orgId, task.runId, startedAt, progressDeadline(startedAt));
  if (!run) return;
  try {
    await syncPass(task, run, attempt, startedAt.getTime());
  } catch (error) {
    await settleFailure(task, run, attempt, error);
  }
}

async function syncPass(task: SyncTask, run: SyncRun, attempt: WorkerAttempt, startedAtMs: number): Promise<void> {
  const { orgId, runId } = task;
  const integration = (await refs.integration(orgId, run.integrationId).get()).data();
  if (!integration || integration.status !== "connected") {
    throw new PermanentSyncError(`the integration is ${integration?.status ?? "gone"}`);
  }
  const project = (await refs.project(orgId, run.integrationId, run.projectId).get()).data();
  if (!project) throw new PermanentSyncError("the project no longer exists");

  const { provider, session } = await openSession(orgId, run.integrationId, integration);
  const context: TaskContext = { provider: provider.id, integrationId: run.integrationId, projectId: run.projectId, projectName: project.name };
  const stored = await loadProjectTaskState(orgId, run.integrationId, run.projectId);
  const info = projectInfo(project);
  // A full pass that finds a task we hold as deleted revives it once the provider confirms it is there now.
  const confirmRevival: ConfirmRevival | undefined =
    run.mode === "full"
      ? async (task) => {
          const draft = await provider.getTask(session, { externalId: task.externalId, providerRef: task.providerRef, project: info });
          return draft ? toNormalizedTask(draft, context) : null;
        }
      : undefined;

  // A null checkpoint after some pages means the last page was saved and only the ending is left.
  const pagingDone = run.checkpoint === null && run.progress.pages > 0;
  let progress = run.progress;
  let maxUpdatedAt = run.maxUpdatedAt;
  if (!pagingDone) {
    const pages = provider.listTasks(session, info, { since: run.since, checkpoint: run.checkpoint });
    for await (const page of pages) {
      const tasks = page.tasks.map((draft) => toNormalizedTask(draft, context));
      const written = await writeChangedTasks(orgId, tasks, stored, confirmRevival);
      progress = {
        ...progress,
        pages: progress.pages + 1,
        fetched: progress.fetched + tasks.length,
        written: progress.written + written,
        unchanged: progress.unchanged + tasks.length - written,
      };
      for (const t of tasks) if (!maxUpdatedAt || t.updatedAt > maxUpdatedAt) maxUpdatedAt = t.updatedAt;
      const now = attempt.now();
      await savePage(orgId, runId, { checkpoint: page.nextCheckpoint, progress, maxUpdatedAt, seen: run.mode === "full" ? tasks.map((t) => t.id) : null }, now, progressDeadline(now));
      if (page.nextCheckpoint !== null && now.getTime() - startedAtMs > WORKER_BUDGET_MS) {
        await continueLater(task, run.continuations + 1, now);
        return;
      }
    }
  }
  // Deletions are only knowable from a complete full pass; a failed or partial one never gets here.
  const isGone = async (state: StoredTaskState) =>
    (await provider.getTask(session, { externalId: state.externalId, providerRef: state.providerRef, project: info })) === null;
  const deleted = run.mode === "full" ? await tombstoneUnseen(orgId, runId, stored, isGone) : 0;
  await completeRun(orgId, runId, deleted, attempt.now());
}

/**
 * A provider's clock may run a little ahead of ours: GitHub's hour window can read as an hour and a
 * few seconds here. Such a wait is capped and waited for; only one clearly beyond the cap fails the run.
 */
const PROVIDER_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A running run is failed by cleanup when it has not saved a page (or its continuation not started) by then. */
function progressDeadline(from: Date): Date {
  return new Date(from.getTime() + RUN_PROGRESS_DEADLINE_MS);
}

/** Whether a rate limit asks for clearly more than MAX_PROVIDER_WAIT_MS: the client capped it, so the run must not wait for it. */
function waitsTooLong(error: RateLimitedError): boolean {
  return error.requestedWaitMs !== null && error.requestedWaitMs > MAX_PROVIDER_WAIT_MS + PROVIDER_CLOCK_SKEW_MS;
}

/** Hands the run to a new task, not before `resumeAt` (the rate limit's reset, or now). */
async function continueLater(task: SyncTask, continuation: number, resumeAt: Date): Promise<void> {
  await markContinuation(task.orgId, task.runId, continuation, progressDeadline(resumeAt));
  await enqueueSyncTask(task, `${task.runId}-${continuation}`, resumeAt);
}

async function settleFailure(task: SyncTask, run: SyncRun, attempt: WorkerAttempt, error: unknown): Promise<void> {
  if (error instanceof RunStoppedError) {
    logger.info("sync run stopped", { runId: task.runId, status: error.status });
    return;
  }
  if (error instanceof RateLimitedError && waitsTooLong(error)) {
    // The client waits an hour at most; a provider asking for more will not be better in an hour,
    // so the run ends now with the reason instead of holding the org's running count.
    const message = `${providerFor(run.provider).displayName} asked to wait ${describeWait(error.requestedWaitMs ?? Infinity)} before the next request, longer than the ${describeWait(MAX_PROVIDER_WAIT_MS)} a sync waits for a rate limit; the next sync will try again`;
    logger.warn("sync run failed: rate-limit wait too long", { runId: task.runId, provider: run.provider, requestedWaitMs: error.requestedWaitMs });
    await failRun(task.orgId, task.runId, message, attempt.now());
    return;
  }
  if (error instanceof RateLimitedError) {
    // The checkpoint of the last page is saved: wait for the reset in a new task instead of sleeping here.
    const latest = (await refs.syncRun(task.orgId, task.runId).get()).data();
    await continueLater(task, (latest?.continuations ?? run.continuations) + 1, error.resetAt);
    return;
  }
  const permanent =
    error instanceof PermanentSyncError || error instanceof ValidationError || (error instanceof ProviderHttpError && !error.retryable);
  const lastAttempt = attempt.retryCount + 1 >= attempt.maxAttempts;
  if (!permanent && !lastAttempt) throw error;

  const message = error instanceof Error ? error.message : String(error);
  logger.warn("sync run failed", { runId: task.runId, permanent, message });
  await handleProviderFailure(task.orgId, run.integrationId, error);
  await failRun(task.orgId, task.runId, message, attempt.now());
}
