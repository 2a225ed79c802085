import { z } from "zod";
import { planeCursorEnvelope } from "./pagination";
import { IsoDateSchema, IsoDateTimeSchema } from "../shared/iso-dates";

/*
 * Zod schemas of the Plane REST API v1 responses and webhook bodies we read. Objects are
 * tolerant of fields we do not use (zod strips them) and strict on the ones we do.
 */

export const STATE_GROUPS = ["backlog", "unstarted", "started", "completed", "cancelled", "triage"] as const;

/** A state as `expand=state` gives it (StateLiteSerializer: id, name, color, group) and the states list does. */
export const PlaneStateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  group: z.enum(STATE_GROUPS),
});
export type PlaneState = z.infer<typeof PlaneStateSchema>;

/** A member of a project's state list; `sequence` orders states within a group. */
export const PlaneListedStateSchema = PlaneStateSchema.extend({ sequence: z.number() });

/** A user as `users/me/` and `expand=assignees` give it (UserLiteSerializer). */
export const PlaneUserSchema = z.object({
  id: z.string().min(1),
  display_name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});
export type PlaneUser = z.infer<typeof PlaneUserSchema>;

export const PlaneLabelSchema = z.object({ id: z.string().min(1), name: z.string() });

/** A work item fetched with `expand=state,assignees,labels`. */
export const PlaneWorkItemSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description_html: z.string().nullish(),
  priority: z.enum(["urgent", "high", "medium", "low", "none"]).nullish(),
  start_date: IsoDateSchema.nullish(),
  target_date: IsoDateSchema.nullish(),
  /** Set only while the item is in a completed-group state; cancelled items have none. */
  completed_at: IsoDateTimeSchema.nullish(),
  created_at: IsoDateTimeSchema,
  updated_at: IsoDateTimeSchema,
  sequence_id: z.number().int(),
  project: z.string().min(1),
  parent: z.string().nullish(),
  state: PlaneStateSchema,
  assignees: z.array(PlaneUserSchema),
  labels: z.array(PlaneLabelSchema),
  /** Id of one of the project estimate's points; its value comes from the estimate-points list. */
  estimate_point: z.string().nullish(),
});
export type PlaneWorkItem = z.infer<typeof PlaneWorkItemSchema>;

/** A list page; its items are validated one by one so the error names the item. */
export const PlaneListPageSchema = planeCursorEnvelope.extend({ results: z.array(z.unknown()) });

export const PlaneStatesPageSchema = planeCursorEnvelope.extend({ results: z.array(PlaneListedStateSchema) });

export const PlaneProjectSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  identifier: z.string().nullish(),
});
export const PlaneProjectsPageSchema = planeCursorEnvelope.extend({ results: z.array(PlaneProjectSchema) });

/** The project's estimate; only "points" estimates hold story points. */
export const PlaneEstimateSchema = z.object({ id: z.string().min(1), type: z.string().nullish() });

export const PlaneEstimatePointsSchema = z.array(z.object({ id: z.string().min(1), value: z.string() }));

export const PlaneCommentSchema = z.object({ id: z.string().min(1) });

/** Plane's answer to a create whose external_id already exists: the existing item's id. */
export const PlaneWorkItemIdSchema = z.object({ id: z.string().min(1) });

/**
 * v2 webhook body (current cloud docs). `data` is a raw model dump in which Python's None
 * arrives as the string "None"; `previous_attributes` holds the whole record on delete.
 */
export const PlaneWebhookV2Schema = z.object({
  version: z.literal("v2"),
  event_id: z.string().min(1),
  entity_id: z.string().min(1),
  entity_type: z.string(),
  event: z.string().min(1),
  workspace_id: z.string(),
  data: z.record(z.string(), z.unknown()),
  previous_attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type PlaneWebhookV2 = z.infer<typeof PlaneWebhookV2Schema>;

/** v1 (deprecated; what the open-source edition sends): `action` is create/update/delete or created/updated/deleted. */
export const PlaneWebhookV1Schema = z.object({
  event: z.string().min(1),
  action: z.string().min(1),
  workspace_id: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type PlaneWebhookV1 = z.infer<typeof PlaneWebhookV1Schema>;
