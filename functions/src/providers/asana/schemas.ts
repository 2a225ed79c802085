import { z } from "zod";
import { IsoDateSchema, IsoDateTimeSchema } from "../shared/iso-dates";

/**
 * Zod schemas of the Asana API responses and webhook bodies we read. Every Asana response wraps
 * its payload in `data`; list responses add `next_page` (null on the last page). Objects are not
 * strict: Asana adds fields, and opt_fields decides which appear.
 */

/** Timestamps (…_at) become Dates; bare calendar days (…_on) become midnight UTC of that day. */
const isoDateTime = IsoDateTimeSchema;
const calendarDay = IsoDateSchema;
const gid = z.string().min(1);

const namedResource = z.object({ gid, name: z.string().nullable().optional() });

export const AsanaTaskSchema = z.object({
  gid,
  name: z.string(),
  notes: z.string().nullable().optional(),
  completed: z.boolean(),
  completed_at: isoDateTime.nullable().optional(),
  assignee: namedResource.nullable().optional(),
  due_on: calendarDay.nullable().optional(),
  due_at: isoDateTime.nullable().optional(),
  start_on: calendarDay.nullable().optional(),
  start_at: isoDateTime.nullable().optional(),
  created_at: isoDateTime.nullable().optional(),
  modified_at: isoDateTime,
  /** Needs the time_tracking_entries:read scope; absent or null when time tracking is off. */
  actual_time_minutes: z.number().nonnegative().nullable().optional(),
  memberships: z
    .array(
      z.object({
        project: namedResource.nullable().optional(),
        section: z.object({ gid: gid.optional(), name: z.string() }).nullable().optional(),
      }),
    )
    .optional()
    .default([]),
  tags: z.array(z.object({ gid: gid.optional(), name: z.string() })).optional().default([]),
  parent: z.object({ gid }).nullable().optional(),
  permalink_url: z.string().nullable().optional(),
});
export type AsanaTask = z.infer<typeof AsanaTaskSchema>;

export const AsanaNextPageSchema = z.object({ offset: z.string().min(1) }).nullable().optional();

export const AsanaTaskResponseSchema = z.object({ data: AsanaTaskSchema });
export const AsanaTasksPageSchema = z.object({ data: z.array(AsanaTaskSchema), next_page: AsanaNextPageSchema });
export type AsanaTasksPage = z.infer<typeof AsanaTasksPageSchema>;

export const AsanaProjectsPageSchema = z.object({
  data: z.array(z.object({ gid, name: z.string(), permalink_url: z.string().nullable().optional() })),
  next_page: AsanaNextPageSchema,
});
export type AsanaProjectsPage = z.infer<typeof AsanaProjectsPageSchema>;

export const AsanaMeSchema = z.object({
  data: z.object({
    gid,
    name: z.string().nullable().optional(),
    workspaces: z.array(namedResource).optional().default([]),
  }),
});

export const AsanaStoryResponseSchema = z.object({ data: z.object({ gid }) });

/** One webhook event: compact, ids only, so the task is always fetched (AS-OAS EventResponse). */
export const AsanaEventSchema = z.object({
  action: z.string().min(1),
  created_at: isoDateTime.optional(),
  resource: z.object({ gid, resource_type: z.string(), resource_subtype: z.string().nullable().optional() }),
  parent: z.object({ gid, resource_type: z.string() }).nullable().optional(),
  user: z.object({ gid }).nullable().optional(),
  change: z.object({ field: z.string().optional(), action: z.string().optional() }).nullable().optional(),
});
export type AsanaEvent = z.infer<typeof AsanaEventSchema>;

/** A delivery batches events; an empty array is Asana's heartbeat. */
export const AsanaWebhookBodySchema = z.object({ events: z.array(AsanaEventSchema) });
export type AsanaWebhookBody = z.infer<typeof AsanaWebhookBodySchema>;
