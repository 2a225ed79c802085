import { getFunctions } from "firebase-admin/functions";
import { z } from "zod";
import { REGION } from "../config";
import { adminApp } from "../store/db";

export const SYNC_QUEUE_FUNCTION = "syncProject";

/** The payload of a syncProject task: ids only (a task is at most 100 KB, and state lives in Firestore). */
export const SyncTaskSchema = z.object({ orgId: z.string().min(1), runId: z.string().min(1) });
export type SyncTask = z.infer<typeof SyncTaskSchema>;

/**
 * Enqueues a sync task under a deterministic id. Returns false when a task with that id already
 * exists: the work is already queued, which is what the caller wanted.
 */
export async function enqueueSyncTask(task: SyncTask, taskId: string, scheduleTime?: Date): Promise<boolean> {
  const queue = getFunctions(adminApp()).taskQueue<SyncTask>(`locations/${REGION}/functions/${SYNC_QUEUE_FUNCTION}`);
  try {
    await queue.enqueue(task, { id: taskId, ...(scheduleTime && scheduleTime.getTime() > Date.now() ? { scheduleTime } : {}) });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "functions/task-already-exists") return false;
    throw error;
  }
}
