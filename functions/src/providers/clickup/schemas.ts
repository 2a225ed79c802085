import { z } from "zod";
import { UnixMsSchema } from "../shared/unix-ms";

/**
 * Zod schemas of the ClickUp API v2 responses and webhook bodies we read. Objects are not strict
 * (ClickUp adds fields freely); the fields we use are checked. ClickUp's own OpenAPI examples
 * disagree with its schema on several types (time_spent as number or string, priority as object
 * or integer), so those accept both spellings.
 */

/** A Unix-ms timestamp as a Date; null or absent when unset. */
const unixMs = UnixMsSchema.nullable().optional();
/** A duration in milliseconds (time_spent, time_estimate), as a number or a numeric string. */
const durationMs = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]).nullable().optional();
/** ClickUp ids are numbers in some places and strings in others; we keep strings. */
const id = z.union([z.string().min(1), z.number().int()]).transform(String);

export const ClickUpUserSchema = z.object({
  id,
  username: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

export const ClickUpStatusSchema = z.object({
  status: z.string(),
  /** open | custom | closed, and "done" for the Done group (not in the OpenAPI copy; handled anyway). */
  type: z.string(),
});

export const ClickUpPrioritySchema = z.union([
  z.object({ id: z.string().optional(), priority: z.string() }),
  /** The write form (1 urgent … 4 low), which one documented response example also uses. */
  z.number().int(),
]);

export const ClickUpTaskSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullable().optional(),
  markdown_description: z.string().nullable().optional(),
  text_content: z.string().nullable().optional(),
  status: ClickUpStatusSchema,
  date_created: unixMs,
  date_updated: UnixMsSchema,
  date_closed: unixMs,
  date_done: unixMs,
  assignees: z.array(ClickUpUserSchema).optional().default([]),
  tags: z.array(z.object({ name: z.string() })).optional().default([]),
  parent: z.string().nullable().optional(),
  priority: ClickUpPrioritySchema.nullable().optional(),
  due_date: unixMs,
  start_date: unixMs,
  points: z.number().nonnegative().nullable().optional(),
  time_estimate: durationMs,
  time_spent: durationMs,
  url: z.string().nullable().optional(),
  list: z.object({ id }).optional(),
});
export type ClickUpTask = z.infer<typeof ClickUpTaskSchema>;

export const ClickUpTasksPageSchema = z.object({
  tasks: z.array(ClickUpTaskSchema),
  /** Documented in the schema but absent from the examples; a short page also ends the listing. */
  last_page: z.boolean().optional(),
});
export type ClickUpTasksPage = z.infer<typeof ClickUpTasksPageSchema>;

export const ClickUpAuthorizedUserSchema = z.object({ user: ClickUpUserSchema });

export const ClickUpTeamsSchema = z.object({
  teams: z.array(z.object({ id, name: z.string().nullable().optional() })),
});

const named = z.object({ id, name: z.string() });

export const ClickUpSpacesSchema = z.object({ spaces: z.array(named) });
export const ClickUpFoldersSchema = z.object({ folders: z.array(named) });
export const ClickUpListsSchema = z.object({ lists: z.array(named) });

export const ClickUpListSchema = z.object({
  id,
  name: z.string(),
  statuses: z.array(ClickUpStatusSchema),
});

export const ClickUpCommentCreatedSchema = z.object({ id });

/** One history item of a task webhook: what changed, when (Unix ms) and under which List. */
export const ClickUpHistoryItemSchema = z.object({
  id,
  date: UnixMsSchema.optional(),
  field: z.string().optional(),
  /** The List the task is in (for taskMoved, the List it moved to). */
  parent_id: z.union([z.string(), z.number()]).transform(String).nullable().optional(),
});

export const ClickUpWebhookBodySchema = z.object({
  event: z.string().min(1),
  webhook_id: z.string().optional(),
  task_id: z.string().min(1).optional(),
  /** Absent from taskDeleted and the List/Folder/Space events. */
  history_items: z.array(ClickUpHistoryItemSchema).optional().default([]),
});
export type ClickUpWebhookBody = z.infer<typeof ClickUpWebhookBodySchema>;
