import { FieldValue, Timestamp, type DocumentReference, type Transaction } from "firebase-admin/firestore";
import type { SyncProgress, SyncRun, SyncRunStatus } from "../domain/sync-run";
import { db, isAlreadyExists } from "./db";
import { refs } from "./refs";

/*
 * The writes of orgs/{orgId}/syncRuns/{runId} (and its seen/ pages): the fan-out's create, the
 * worker's, cleanup's, and the cancellations of cancelSync and a disconnect. Deadlines are passed
 * in, computed by the pipeline (sync/timing.ts), which owns the time budgets.
 */

/** Writes per batch: under Firestore's 500. */
const BATCH_PAGE = 400;

/** Creates the run under its id; false when it exists already (a duplicated request), which is left as it is. */
export async function createRun(orgId: string, runId: string, run: SyncRun): Promise<boolean> {
  try {
    await refs.syncRun(orgId, runId).create(run);
    return true;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return false;
  }
}

/**
 * Cancels a pending or running run (its worker stops at its next page). Returns the run's status
 * afterwards ("cancelled", or the ending it already had), or null when there is no such run.
 */
export function cancelRun(orgId: string, runId: string): Promise<SyncRunStatus | null> {
  const ref = refs.syncRun(orgId, runId);
  return db().runTransaction(async (tx) => {
    const run = (await tx.get(ref)).data();
    if (!run) return null;
    if (run.status !== "pending" && run.status !== "running") return run.status;
    tx.update(ref.withConverter(null), { status: "cancelled", finishedAt: Timestamp.now() });
    return "cancelled";
  });
}

/** Cancels every pending or running run of the integration, with `reason` as its error, a batch at a time. Returns how many. */
export async function cancelActiveRunsOf(orgId: string, integrationId: string, reason: string): Promise<number> {
  const active = await refs.syncRuns(orgId).where("integrationId", "==", integrationId).where("status", "in", ["pending", "running"]).get();
  let cancelled = 0;
  for (let i = 0; i < active.docs.length; i += BATCH_PAGE) {
    const batch = db().batch();
    for (const doc of active.docs.slice(i, i + BATCH_PAGE)) {
      batch.update(doc.ref.withConverter(null), { status: "cancelled", finishedAt: Timestamp.now(), error: reason });
      cancelled += 1;
    }
    await batch.commit();
  }
  return cancelled;
}

/** Thrown inside the worker when its run is no longer running (cancelled, or finished by another delivery). */
export class RunStoppedError extends Error {
  constructor(readonly status: string) {
    super(`the run is ${status}`);
    this.name = "RunStoppedError";
  }
}

/** Moves a pending (or resumed running) run to running. Returns null when there is nothing to do. */
export async function beginRun(orgId: string, runId: string, now: Date, deadlineAt: Date): Promise<SyncRun | null> {
  const ref = refs.syncRun(orgId, runId);
  return db().runTransaction(async (tx) => {
    const run = (await tx.get(ref)).data();
    if (!run || (run.status !== "pending" && run.status !== "running")) return null;
    const started: SyncRun = {
      ...run,
      status: "running",
      startedAt: run.startedAt ?? now,
      deadlineAt,
    };
    tx.set(ref, started);
    return started;
  });
}

export interface PageSave {
  checkpoint: string | null;
  progress: SyncProgress;
  maxUpdatedAt: Date | null;
  /** On a full pass, the ids this page saw (kept to tombstone the rest at the end). */
  seen: string[] | null;
}

/**
 * A run the worker finds no longer running: a cancelled one is marked `stoppedAt` in the
 * caller's transaction (so a reader knows no more pages will be fetched); the caller then throws
 * the returned error once that transaction has committed. The worker's `now` was taken before
 * its transaction, which may have retried after the cancellation committed (and the cancelling
 * instance's clock is not ours), so the stop is never recorded before the cancellation it found.
 */
function stopped(tx: Transaction, ref: DocumentReference<SyncRun>, run: SyncRun | undefined, now: Date): RunStoppedError {
  if (run?.status === "cancelled") {
    const stoppedAt = run.finishedAt && run.finishedAt > now ? run.finishedAt : now;
    tx.update(ref.withConverter(null), { stoppedAt: Timestamp.fromDate(stoppedAt) });
  }
  return new RunStoppedError(run?.status ?? "deleted");
}

/** Saves a page's checkpoint and progress, unless the run was cancelled meanwhile (then marked stopped at `now`). */
export async function savePage(orgId: string, runId: string, save: PageSave, now: Date, deadlineAt: Date): Promise<void> {
  const ref = refs.syncRun(orgId, runId);
  const stop = await db().runTransaction(async (tx) => {
    const run = (await tx.get(ref)).data();
    if (!run || run.status !== "running") return stopped(tx, ref, run, now);
    tx.update(ref.withConverter(null), {
      checkpoint: save.checkpoint,
      progress: save.progress,
      maxUpdatedAt: save.maxUpdatedAt ? Timestamp.fromDate(save.maxUpdatedAt) : null,
      deadlineAt: Timestamp.fromDate(deadlineAt),
    });
    if (save.seen) tx.set(refs.runSeenPage(orgId, runId, save.progress.pages), { ids: save.seen });
    return null;
  });
  if (stop) throw stop;
}

/** Records that the run goes on in task number `continuation`, and its deadline after that task's start. */
export async function markContinuation(orgId: string, runId: string, continuation: number, deadlineAt: Date): Promise<void> {
  await refs
    .syncRun(orgId, runId)
    .withConverter(null)
    .update({
      continuations: continuation,
      deadlineAt: Timestamp.fromDate(deadlineAt),
    });
}

/** Ends a running or pending run as failed with a message; a run already ended keeps its ending. */
export async function failRun(orgId: string, runId: string, message: string, now: Date): Promise<void> {
  const ref = refs.syncRun(orgId, runId);
  await db().runTransaction(async (tx) => {
    const run = (await tx.get(ref)).data();
    if (!run || (run.status !== "running" && run.status !== "pending")) return;
    tx.update(ref.withConverter(null), { status: "failed", error: message.slice(0, 1000), finishedAt: Timestamp.fromDate(now) });
  });
}

/**
 * Ends a run as completed and, in the same transaction, moves the project's watermark (only ever
 * forward, and only on success) and its last full pass.
 */
export async function completeRun(orgId: string, runId: string, deleted: number, now: Date): Promise<void> {
  const ref = refs.syncRun(orgId, runId);
  const stop = await db().runTransaction(async (tx) => {
    const run = (await tx.get(ref)).data();
    if (!run || run.status !== "running") return stopped(tx, ref, run, now);
    const projectRef = refs.project(orgId, run.integrationId, run.projectId);
    const project = (await tx.get(projectRef)).data();
    tx.update(ref.withConverter(null), {
      status: "completed",
      checkpoint: null,
      "progress.deleted": FieldValue.increment(deleted),
      finishedAt: Timestamp.fromDate(now),
    });
    if (project) {
      const watermark =
        run.maxUpdatedAt && (!project.watermark || run.maxUpdatedAt > project.watermark) ? run.maxUpdatedAt : project.watermark;
      tx.update(projectRef.withConverter(null), {
        watermark: watermark ? Timestamp.fromDate(watermark) : null,
        ...(run.mode === "full" ? { lastFullSyncAt: Timestamp.fromDate(now) } : {}),
      });
    }
    return null;
  });
  if (stop) throw stop;
}
