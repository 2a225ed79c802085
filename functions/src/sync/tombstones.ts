import { refs } from "../store/refs";
import type { StoredTaskState } from "../store/task-state";
import { tombstoneTasksIfUnchanged } from "../store/tasks";

/**
 * At the end of a successful full pass: a stored, live task of the project that no page of the
 * pass saw is a candidate, and becomes a tombstone (`deleted: true`) once `isGone` confirms it.
 * The confirmation matters because offset and page-number pagination can let one task slip past
 * the cursor when another is deleted mid-pass. A task changed since it was read (moved to another
 * project, updated by a webhook) is left alone. Returns how many were tombstoned; the per-page
 * records are removed afterwards.
 */
export async function tombstoneUnseen(
  orgId: string,
  runId: string,
  stored: Map<string, StoredTaskState>,
  isGone: (state: StoredTaskState) => Promise<boolean>,
): Promise<number> {
  const pages = await refs.runSeenPages(orgId, runId).get();
  const seen = new Set(pages.docs.flatMap((page) => (page.get("ids") as string[] | undefined) ?? []));
  const candidates = [...stored.entries()].filter(([id, state]) => !state.deleted && !seen.has(id) && state.updateTime !== null);
  const unseen: typeof candidates = [];
  for (const candidate of candidates) if (await isGone(candidate[1])) unseen.push(candidate);

  return tombstoneTasksIfUnchanged(
    orgId,
    // The deletion is known only as "gone now": the tombstone keeps the version it was read at (store/task-version.ts).
    unseen.map(([id, state]) => ({ taskId: id, version: state.updatedAt, readAt: state.updateTime! })),
    pages.docs.map((page) => page.ref),
  );
}
