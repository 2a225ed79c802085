import { createHash } from "node:crypto";
import type { DocumentReference } from "firebase-admin/firestore";
import { stableStringify } from "../domain/normalized-task";
import type { TaskDraft } from "../domain/task";
import type { WriteLedgerEntry } from "../domain/write-ledger";
import type { WebhookEvent } from "../domain/webhook-event";
import { refs } from "./refs";

/*
 * The write ledger (domain/write-ledger.ts): our own write-backs, so their webhook echoes are
 * recognised and skipped instead of costing a fetch and a rewrite. Entries expire: an echo
 * arrives within minutes.
 */

export const WRITE_LEDGER_TTL_MS = 24 * 3600 * 1000;

/** The version of a task an event or a write describes. Either part may be unknown. */
export interface TaskVersion {
  providerUpdatedAt: Date | null;
  fieldsHash: string | null;
}

/** A digest of what the provider says the task is, without its updatedAt (recorded beside it). */
export function fieldsHash(draft: TaskDraft): string {
  const { updatedAt: _updatedAt, ...fields } = draft;
  return createHash("sha256").update(stableStringify(fields)).digest("hex");
}

/** Records a write-back's result; recording the same result twice leaves one entry. */
export async function recordWrite(orgId: string, taskId: string, result: TaskDraft, now: Date): Promise<void> {
  const entry: WriteLedgerEntry = {
    orgId,
    taskId,
    fieldsHash: fieldsHash(result),
    providerUpdatedAt: result.updatedAt,
    expireAt: new Date(now.getTime() + WRITE_LEDGER_TTL_MS),
  };
  await refs.writeLedgerEntry(ledgerEntryId(entry)).set(entry);
}

function ledgerEntryId(entry: Pick<WriteLedgerEntry, "orgId" | "taskId" | "providerUpdatedAt" | "fieldsHash">): string {
  return createHash("sha256")
    .update([entry.orgId, entry.taskId, entry.providerUpdatedAt.toISOString(), entry.fieldsHash].join("\u0000"))
    .digest("hex")
    .slice(0, 40);
}

/** The version a webhook event describes: its updatedAt, and the fields when the payload carries the task. */
export function versionOfEvent(event: WebhookEvent): TaskVersion {
  return {
    providerUpdatedAt: event.task?.updatedAt ?? event.updatedAt,
    fieldsHash: event.task ? fieldsHash(event.task) : null,
  };
}

/**
 * An event is the echo of our write when an entry for its task records the same provider
 * version (same updatedAt), and, when the event carries the task, the same fields. An event with
 * no version (a comment event) is never taken for an echo.
 */
export function matchesEntry(entry: Pick<WriteLedgerEntry, "fieldsHash" | "providerUpdatedAt">, version: TaskVersion): boolean {
  if (version.providerUpdatedAt === null) return false;
  if (entry.providerUpdatedAt.getTime() !== version.providerUpdatedAt.getTime()) return false;
  return version.fieldsHash === null || version.fieldsHash === entry.fieldsHash;
}

/**
 * The one ledger entry that can match a version whose fields are known: an entry's id is derived
 * from exactly what matchesEntry compares (org, task, provider version, fields), so this document
 * is the whole answer. Null when a part is unknown (an event without the task): only a query can say.
 */
export function ledgerEntryRefFor(orgId: string, taskId: string, version: TaskVersion): DocumentReference<WriteLedgerEntry> | null {
  if (version.providerUpdatedAt === null || version.fieldsHash === null) return null;
  return refs.writeLedgerEntry(ledgerEntryId({ orgId, taskId, providerUpdatedAt: version.providerUpdatedAt, fieldsHash: version.fieldsHash }));
}

/** Reads one ledger entry; the applier passes its own, which answers from what it fetched with the delivery. */
export type LedgerEntryReader = (ref: DocumentReference<WriteLedgerEntry>) => Promise<WriteLedgerEntry | undefined>;

const readEntry: LedgerEntryReader = async (ref) => (await ref.get()).data();

export async function isEchoOfOurWrite(orgId: string, taskId: string, version: TaskVersion, now: Date, read: LedgerEntryReader = readEntry): Promise<boolean> {
  if (version.providerUpdatedAt === null) return false;
  const ref = ledgerEntryRefFor(orgId, taskId, version);
  if (ref) {
    const entry = await read(ref);
    return entry !== undefined && entry.expireAt > now;
  }
  const entries = await refs.writeLedger().where("orgId", "==", orgId).where("taskId", "==", taskId).limit(50).get();
  return entries.docs.some((doc) => {
    const entry = doc.data();
    return entry.expireAt > now && matchesEntry(entry, version);
  });
}
