import { z } from "zod";

/**
 * writeLedger/{id}: one entry per write-back we made to a provider (complete, comment, create),
 * recording the task state the provider answered with. The provider then sends a webhook about
 * that very change; the applier recognises it (an echo) and skips it (store/write-ledger.ts).
 */
export const WriteLedgerEntrySchema = z.object({
  orgId: z.string().min(1),
  /** The task's document id (`provider:externalId`). */
  taskId: z.string().min(1),
  /** `fieldsHash` of the task the provider returned after our write. */
  fieldsHash: z.string().min(1),
  /** The provider's updatedAt of that task: the version our write produced. */
  providerUpdatedAt: z.date(),
  /** TTL field (firestore.indexes.json); cleanup deletes past it too. */
  expireAt: z.date(),
});
export type WriteLedgerEntry = z.infer<typeof WriteLedgerEntrySchema>;
