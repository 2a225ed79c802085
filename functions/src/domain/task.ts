import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

export const TASK_STATUSES = ["todo", "in_progress", "done", "cancelled"] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Every provider's priority scale folds onto these four; providers without priorities give null. */
export const TaskPrioritySchema = z.enum(["urgent", "high", "medium", "low"]);
export type TaskPriority = z.infer<typeof TaskPrioritySchema>;

export const AssigneeSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullable(),
});
export type Assignee = z.infer<typeof AssigneeSchema>;

/**
 * What a provider knows about one task, in our vocabulary. Providers produce drafts;
 * `toNormalizedTask` (domain/normalized-task.ts) adds the ids, project context and hash,
 * so no provider computes those itself.
 */
export const TaskDraftSchema = z.object({
  externalId: z.string().min(1),
  /** Opaque locator the provider needs to write back (e.g. "owner/repo#12"); only its own provider reads it. */
  providerRef: z.string().min(1),
  title: z.string(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  status: TaskStatusSchema,
  /** The provider's own status name (ClickUp status, Plane state, Asana section, Linear state). */
  providerStatus: z.string().nullable(),
  assignees: z.array(AssigneeSchema),
  labels: z.array(z.string()),
  priority: TaskPrioritySchema.nullable(),
  createdAt: z.date().nullable(),
  updatedAt: z.date(),
  startAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  timeSpentMinutes: z.number().nonnegative().nullable(),
  timeEstimateMinutes: z.number().nonnegative().nullable(),
  /** Linear and Plane estimates are points, never minutes. */
  estimatePoints: z.number().nonnegative().nullable(),
  parentExternalId: z.string().nullable(),
});
export type TaskDraft = z.infer<typeof TaskDraftSchema>;

/** The document stored at orgs/{orgId}/tasks/{provider}:{externalId}. */
export const NormalizedTaskSchema = TaskDraftSchema.omit({ parentExternalId: true }).extend({
  id: z.string().min(3),
  provider: ProviderIdSchema,
  integrationId: z.string().min(1),
  projectId: z.string().min(1),
  projectName: z.string().nullable(),
  parentId: z.string().nullable(),
  deleted: z.boolean(),
  contentHash: z.string().min(1),
});
export type NormalizedTask = z.infer<typeof NormalizedTaskSchema>;
