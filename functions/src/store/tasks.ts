import type { DocumentReference, Timestamp, WriteResult } from "firebase-admin/firestore";
import type { NormalizedTask } from "../domain/task";
import { bulkWrite } from "./bulk";
import { db, isAlreadyExists, isFailedPrecondition } from "./db";
import { refs } from "./refs";
import { taskUpdateData, tombstoneFields } from "./task-version";

/*
 * The bulk writes of orgs/{orgId}/tasks by the sync worker: a page's changed tasks and a full
 * pass's tombstones, each conditional on the task being as it was read, so a webhook that wrote
 * it meanwhile is never overwritten. Which tasks to write is sync/'s (page-writer.ts,
 * tombstones.ts); the single-task writes under the version rule are store/task-version.ts's.
 */

/** A task to write and the update time it was read at (null: it did not exist, so it is created). */
export interface ConditionalTaskWrite {
  task: NormalizedTask;
  readAt: Timestamp | null;
}

export interface ConditionalWriteOutcome {
  written: Array<{ task: NormalizedTask; writeTime: Timestamp }>;
  /** Written by someone else since they were read: to decide again against what is stored now. */
  contested: NormalizedTask[];
}

/** Writes each task (through one BulkWriter) unless it changed since it was read. */
export async function writeTasksIfUnchanged(orgId: string, writes: ConditionalTaskWrite[]): Promise<ConditionalWriteOutcome> {
  const outcome: ConditionalWriteOutcome = { written: [], contested: [] };
  await bulkWrite((writer) =>
    writes.map(({ task, readAt }) => {
      const ref = refs.task(orgId, task.id);
      const write: Promise<WriteResult> =
        readAt === null ? writer.create(ref, task) : writer.update(ref.withConverter(null), taskUpdateData(task), { lastUpdateTime: readAt });
      return write.then(
        (result) => outcome.written.push({ task, writeTime: result.writeTime }),
        (error: unknown) => {
          if (isAlreadyExists(error) || isFailedPrecondition(error)) return outcome.contested.push(task);
          throw error;
        },
      );
    }),
  );
  return outcome;
}

/** A task to tombstone at `version`, unless it changed since it was read at `readAt`. */
export interface ConditionalTombstone {
  taskId: string;
  version: Date;
  readAt: Timestamp;
}

/**
 * Tombstones each task (through one BulkWriter) unless it changed since it was read; a changed one
 * is left alone. `bookkeeping` (e.g. a pass's seen pages) is deleted in the same writer, best
 * effort. Returns how many were tombstoned.
 */
export async function tombstoneTasksIfUnchanged(orgId: string, tombstones: ConditionalTombstone[], bookkeeping: DocumentReference[] = []): Promise<number> {
  const writer = db().bulkWriter();
  const outcomes = Promise.allSettled(
    tombstones.map(({ taskId, version, readAt }) => writer.update(refs.task(orgId, taskId).withConverter(null), tombstoneFields(version), { lastUpdateTime: readAt })),
  );
  for (const ref of bookkeeping) void writer.delete(ref).catch(() => undefined); // best effort: they are only bookkeeping
  await writer.close();

  let tombstoned = 0;
  for (const outcome of await outcomes) {
    if (outcome.status === "fulfilled") tombstoned += 1;
    else if (!isFailedPrecondition(outcome.reason)) throw outcome.reason;
  }
  return tombstoned;
}
