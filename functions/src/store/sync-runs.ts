import { FieldValue, Timestamp, type DocumentReference, type Transaction } from "firebase-admin/firestore";
import type { SyncProgress, SyncRun } from "../domain/sync-run";
import { db } from "./db";
import { refs } from "./refs";

/*
 * The writes of orgs/{orgId}/syncRuns/{runId} by the worker and cleanup. Deadlines are passed in,
 * computed by the pipeline (sync/timing.ts), which owns the time budgets.
 */

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
 * the returned error once that transaction has committed.
 */
function stopped(tx: Transaction, ref: DocumentReference<SyncRun>, run: SyncRun | undefined, now: Date): RunStoppedError {
  if (run?.status === "cancelled") tx.update(ref.withConverter(null), { stoppedAt: Timestamp.fromDate(now) });
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
