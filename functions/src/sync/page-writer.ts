import type { Timestamp } from "firebase-admin/firestore";
import type { NormalizedTask } from "../domain/task";
import type { StoredTaskState } from "../store/task-state";
import { writeTasksIfUnchanged, type ConditionalTaskWrite } from "../store/tasks";
import { decideTaskWrite, writeTaskVersioned } from "../store/task-version";

/**
 * Asks the provider for the task as it is now (getTask), for a full pass that found a task we hold
 * as deleted at a version at least as new: the page may have been read before the deletion.
 */
export type ConfirmRevival = (task: NormalizedTask) => Promise<NormalizedTask | null>;

/**
 * Writes the tasks of a page that the version rule (store/task-version.ts) lets through: new,
 * newer or changed ones; an unchanged task is not rewritten, an older one never replaces what is
 * stored. Each write is conditional on the task being as it was read (create() for a new one, the
 * read's update time for the others), so a webhook that wrote it meanwhile is never overwritten:
 * such a task is decided again in a transaction. A tombstone holds unless `confirmRevival` (full
 * passes only) gets the task back from the provider. Returns how many were written, and keeps
 * `stored` current.
 */
export async function writeChangedTasks(
  orgId: string,
  tasks: NormalizedTask[],
  stored: Map<string, StoredTaskState>,
  confirmRevival?: ConfirmRevival,
): Promise<number> {
  const toWrite: NormalizedTask[] = [];
  const toConfirm: NormalizedTask[] = [];
  for (const task of tasks) {
    const decision = decideTaskWrite(stored.get(task.id), task);
    if (decision === "write") toWrite.push(task);
    else if (decision === "tombstone-holds" && confirmRevival) toConfirm.push(task);
  }

  const conditional: ConditionalTaskWrite[] = [];
  const contested: NormalizedTask[] = [];
  for (const task of toWrite) {
    const state = stored.get(task.id);
    // Its update time is unknown since a transactional write: decide it again in a transaction.
    if (state && state.updateTime === null) contested.push(task);
    else conditional.push({ task, readAt: state?.updateTime ?? null });
  }
  const outcome = await writeTasksIfUnchanged(orgId, conditional);
  let written = outcome.written.length;
  for (const { task, writeTime } of outcome.written) remember(stored, task, writeTime);
  contested.push(...outcome.contested);

  for (const task of contested) {
    if ((await writeTaskVersioned(orgId, task)) === "written") written += 1;
    forget(stored, task);
  }
  for (const task of toConfirm) {
    const current = await confirmRevival!(task);
    if (current && (await writeTaskVersioned(orgId, current, { reviveTombstone: true })) === "written") written += 1;
    forget(stored, task);
  }
  return written;
}

function remember(stored: Map<string, StoredTaskState>, task: NormalizedTask, writeTime: Timestamp): void {
  stored.set(task.id, {
    externalId: task.externalId,
    providerRef: task.providerRef,
    contentHash: task.contentHash,
    deleted: false,
    updatedAt: task.updatedAt,
    updateTime: writeTime,
  });
}

/**
 * After a transactional write its outcome is not known here: the pass saw the task, so it is never
 * a tombstone candidate; a later page listing it again decides in a transaction (updateTime null).
 */
function forget(stored: Map<string, StoredTaskState>, task: NormalizedTask): void {
  const previous = stored.get(task.id);
  stored.set(task.id, {
    externalId: task.externalId,
    providerRef: task.providerRef,
    contentHash: previous?.contentHash ?? "",
    deleted: previous?.deleted ?? false,
    updatedAt: previous?.updatedAt ?? new Date(0),
    updateTime: null,
  });
}
