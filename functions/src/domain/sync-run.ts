import { z } from "zod";
import { ProviderIdSchema } from "./provider-id";

export const SYNC_RUN_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export const SyncRunStatusSchema = z.enum(SYNC_RUN_STATUSES);
export type SyncRunStatus = z.infer<typeof SyncRunStatusSchema>;

export const SyncTriggerSchema = z.enum(["initial", "scheduled", "webhook", "manual"]);
export type SyncTrigger = z.infer<typeof SyncTriggerSchema>;

export const SyncModeSchema = z.enum(["full", "incremental"]);
export type SyncMode = z.infer<typeof SyncModeSchema>;

export const SyncProgressSchema = z.object({
  pages: z.number().int().nonnegative(),
  fetched: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const EMPTY_PROGRESS: SyncProgress = { pages: 0, fetched: 0, written: 0, unchanged: 0, deleted: 0 };

/** orgs/{orgId}/syncRuns/{runId}: one pass over one project. */
export const SyncRunSchema = z.object({
  integrationId: z.string().min(1),
  provider: ProviderIdSchema,
  projectId: z.string().min(1),
  projectName: z.string().nullable(),
  status: SyncRunStatusSchema,
  trigger: SyncTriggerSchema,
  mode: SyncModeSchema,
  progress: SyncProgressSchema,
  error: z.string().nullable(),
  /** Where this run resumes after a retry or continuation: the provider's cursor after the last saved page. */
  checkpoint: z.string().nullable(),
  /** Incremental passes fetch tasks updated after this (the project's watermark when the run began). */
  since: z.date().nullable(),
  /** Newest provider updatedAt seen by this run; becomes the project's watermark if the run succeeds. */
  maxUpdatedAt: z.date().nullable(),
  /** Continuations enqueued so far (after a rate limit or near the deadline); names the next task. */
  continuations: z.number().int().nonnegative(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  /** A running run not finished by then belongs to a crashed worker; cleanup fails it. */
  deadlineAt: z.date().nullable(),
  /**
   * When the worker paging a cancelled run noticed the cancellation and stopped, written in the
   * transaction that noticed it; absent until then, and on a run no worker was running.
   */
  stoppedAt: z.date().optional(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const TERMINAL_RUN_STATUSES: readonly SyncRunStatus[] = ["completed", "failed", "cancelled"];

/** orgs/{orgId}/stats/sync. */
export const SyncStatsSchema = z.object({
  pending: z.number().int(),
  running: z.number().int(),
});
export type SyncStats = z.infer<typeof SyncStatsSchema>;
