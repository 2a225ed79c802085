import { createHash } from "node:crypto";
import { z } from "zod";
import { SyncModeSchema, SyncTriggerSchema } from "../domain/sync-run";

/**
 * The `integration-sync` message: sync one integration (or one of its projects). `requestId`
 * names the request so that a duplicated message (a redelivery, or a publisher retry with a new
 * messageId) maps onto the same runs and the same Cloud Tasks.
 */
export const SyncRequestSchema = z.object({
  orgId: z.string().min(1),
  integrationId: z.string().min(1),
  trigger: SyncTriggerSchema,
  mode: SyncModeSchema,
  requestId: z.string().min(1).max(200),
  projectId: z.string().min(1).optional(),
});
export type SyncRequest = z.infer<typeof SyncRequestSchema>;

/** Scheduled requests of one hour share an id, so two reconciles in the same hour start nothing twice. */
export function scheduledRequestId(now: Date): string {
  return `scheduled-${now.toISOString().slice(0, 13)}`;
}

/** The run of one project for one request; also the id of its first Cloud Task ([0-9a-f], hashed so ids spread). */
export function runIdFor(integrationId: string, projectId: string, requestId: string): string {
  return createHash("sha256").update(`${integrationId}\u0000${projectId}\u0000${requestId}`).digest("hex").slice(0, 40);
}
