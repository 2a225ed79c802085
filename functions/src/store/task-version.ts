import { Timestamp } from "firebase-admin/firestore";
import { NormalizedTaskSchema, type NormalizedTask } from "../domain/task";
import { parseOrThrow } from "../domain/validation-error";
import { db } from "./db";
import { refs } from "./refs";

/*
 * The one version rule for every writer of a task (webhook applier, sync page writer, write-back,
 * tombstones). A task's version is its normalized `updatedAt`: the provider's own last-change time
 * (GitHub updated_at, Linear updatedAt, ClickUp date_updated, Plane updated_at, Asana modified_at).
 * A tombstone is a version too: it keeps the deletion's version in `updatedAt` (the delete event's
 * time when it is newer than what was stored, else the stored version), so nothing as old as the
 * deletion, or older, brings the task back.
 */

/** The part of a stored task the rule reads. */
export interface TaskVersionState {
  updatedAt: Date;
  deleted: boolean;
  contentHash: string;
}

/**
 * - write: new, newer, or the same version with other content (e.g. its project was renamed);
 * - unchanged: the same content is stored live;
 * - stale: a newer version is stored;
 * - tombstone-holds: the task is deleted at a version at least as new as this one. Only a newer
 *   version revives it, or a full pass whose finding the provider confirms (sync/page-writer.ts).
 */
export type TaskWriteDecision = "write" | "unchanged" | "stale" | "tombstone-holds";

export function decideTaskWrite(stored: TaskVersionState | undefined, incoming: Pick<NormalizedTask, "updatedAt" | "contentHash">): TaskWriteDecision {
  if (!stored) return "write";
  if (stored.deleted) return incoming.updatedAt > stored.updatedAt ? "write" : "tombstone-holds";
  if (stored.updatedAt > incoming.updatedAt) return "stale";
  return stored.contentHash === incoming.contentHash ? "unchanged" : "write";
}

/**
 * Whether an event at `version` can change nothing: the stored task is newer, or is a tombstone at
 * least as new. Lets the applier skip before asking the provider anything; the write itself checks
 * again (decideTaskWrite), so this is only a shortcut.
 */
export function isOutdatedBy(stored: TaskVersionState | undefined, version: Date | null): boolean {
  if (!stored || version === null) return false;
  return stored.deleted ? stored.updatedAt >= version : stored.updatedAt > version;
}

export type TombstoneDecision = { kind: "tombstone"; version: Date } | { kind: "unchanged" } | { kind: "stale" };

/**
 * A deletion at `deletedAt` (null: the provider only says it is gone now, e.g. a 404) tombstones
 * the task unless a newer version is stored; the tombstone's version is the later of the two.
 */
export function decideTombstone(stored: TaskVersionState | undefined, deletedAt: Date | null): TombstoneDecision {
  if (!stored) return { kind: "unchanged" };
  if (deletedAt && stored.updatedAt > deletedAt) return { kind: "stale" };
  const version = deletedAt && deletedAt > stored.updatedAt ? deletedAt : stored.updatedAt;
  if (stored.deleted && version.getTime() === stored.updatedAt.getTime()) return { kind: "unchanged" };
  return { kind: "tombstone", version };
}

export type VersionedWriteOutcome = "written" | "unchanged" | "stale";

/**
 * What the rule says of a task read earlier, outside a transaction, when that read already
 * decides that nothing is written ("unchanged" or "stale"); null when only writeTaskVersioned's
 * transaction can decide. Acting on it is safe: a decision to write nothing, made on one
 * consistent read, is what a transaction at the moment of that read would have decided, so the
 * writer is simply ordered at its read. It spares the applier a transaction on its commonest
 * path (a webhook reporting what a sync or an earlier webhook already stored). Not for a writer
 * that revives tombstones.
 */
export function noWriteOnRead(stored: TaskVersionState | undefined, task: Pick<NormalizedTask, "updatedAt" | "contentHash">): "unchanged" | "stale" | null {
  const decision = decideTaskWrite(stored, task);
  if (decision === "unchanged") return "unchanged";
  return decision === "write" ? null : "stale";
}

/**
 * Writes the task under the rule, in a transaction with the read of what is stored, so two
 * writers cannot interleave. `reviveTombstone`: the provider has just confirmed the task exists
 * (a full pass found it and getTask returned it), which outranks a tombstone of any version.
 */
export function writeTaskVersioned(orgId: string, task: NormalizedTask, options: { reviveTombstone?: boolean } = {}): Promise<VersionedWriteOutcome> {
  const ref = refs.task(orgId, task.id);
  return db().runTransaction(async (tx) => {
    const decision = decideTaskWrite((await tx.get(ref)).data(), task);
    if (decision === "unchanged") return "unchanged";
    if (decision === "stale" || (decision === "tombstone-holds" && !options.reviveTombstone)) return "stale";
    tx.set(ref, task);
    return "written";
  });
}

/** Tombstones the task under the rule (decideTombstone), in a transaction. */
export function tombstoneTaskVersioned(orgId: string, taskId: string, deletedAt: Date | null): Promise<"tombstoned" | "unchanged" | "stale"> {
  const ref = refs.task(orgId, taskId);
  return db().runTransaction(async (tx) => {
    const decision = decideTombstone((await tx.get(ref)).data(), deletedAt);
    if (decision.kind !== "tombstone") return decision.kind;
    tx.update(ref.withConverter(null), tombstoneFields(decision.version));
    return "tombstoned";
  });
}

/** What a tombstone changes: the flag, and the version it holds. */
export function tombstoneFields(version: Date): { deleted: true; updatedAt: Timestamp } {
  return { deleted: true, updatedAt: Timestamp.fromDate(version) };
}

/** The whole task as update() data (update() bypasses converters), validated like a converter write. */
export function taskUpdateData(task: NormalizedTask): Record<string, unknown> {
  return parseOrThrow(NormalizedTaskSchema, task, "task (write)");
}
