import type { TaskDraft } from "./task";

/** A parsed webhook event, in our vocabulary. */
export interface WebhookEvent {
  /** The provider's event name, e.g. "issues.edited", "taskStatusUpdated". */
  eventType: string;
  action: "upsert" | "delete" | "comment" | "ignore";
  externalId: string | null;
  /** The task's providerRef, when the payload says enough to build it (needed to fetch a task we have not stored yet). */
  providerRef: string | null;
  /** The project's external id, when the payload names it. */
  projectExternalId: string | null;
  /** The provider's version of the task at the event: its updatedAt. Older events are skipped. */
  updatedAt: Date | null;
  /** The task as the payload gives it, when complete; null means fetch it from the provider. */
  task: TaskDraft | null;
}
