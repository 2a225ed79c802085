import type { NormalizedTask } from "../domain/task";
import { bulkWrite } from "../store/bulk";
import { refs } from "../store/refs";
import type { StoredTaskState } from "../store/task-state";

/** A task needs writing when it is new, its content changed, or it comes back from a tombstone. */
export function needsWrite(stored: StoredTaskState | undefined, task: NormalizedTask): boolean {
  return !stored || stored.deleted || stored.contentHash !== task.contentHash;
}

/** Writes only the tasks of a page that changed, and records their new state. Returns how many were written. */
export async function writeChangedTasks(orgId: string, tasks: NormalizedTask[], stored: Map<string, StoredTaskState>): Promise<number> {
  const changed = tasks.filter((task) => needsWrite(stored.get(task.id), task));
  await bulkWrite((writer) => changed.map((task) => writer.set(refs.task(orgId, task.id), task)));
  // This pass saw them, so it will never tombstone them: their new updateTime is not needed.
  for (const task of changed) {
    stored.set(task.id, { externalId: task.externalId, providerRef: task.providerRef, contentHash: task.contentHash, deleted: false, updateTime: null });
  }
  return changed.length;
}
