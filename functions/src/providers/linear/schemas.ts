import { z } from "zod";
import { IsoDateSchema, IsoDateTimeSchema } from "../shared/iso-dates";

/*
 * Zod schemas of what Linear sends us: GraphQL `data` (schema.graphql of linear/linear
 * packages/sdk) and webhook bodies (EntityWebhookPayload, IssueWebhookPayload,
 * CommentWebhookPayload). Objects are not strict, so fields we never read may come and go;
 * the fields we do read are checked exactly.
 */

const Id = z.string().min(1);

/** WorkflowState.type. "duplicate" is listed by the schema docs besides the five the UI shows. */
export const StateTypeSchema = z.enum(["triage", "backlog", "unstarted", "started", "completed", "canceled", "duplicate"]);
export type StateType = z.infer<typeof StateTypeSchema>;

/** Issue.priority: 0 none, 1 urgent, 2 high, 3 normal, 4 low. A Float in the schema, always whole. */
export const PrioritySchema = z.number().int().min(0).max(4);

const PageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable(),
});

const UserRefSchema = z.object({ id: Id, name: z.string() });

const StateRefSchema = z.object({ id: Id, name: z.string(), type: StateTypeSchema });

// ---------------------------------------------------------------- GraphQL responses

/** The Issue selection of queries.ts (fragment TaskbridgeIssue). */
export const IssueNodeSchema = z.object({
  id: Id,
  identifier: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  url: z.string(),
  priority: PrioritySchema,
  estimate: z.number().nonnegative().nullable(),
  dueDate: IsoDateSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  startedAt: IsoDateTimeSchema.nullable(),
  completedAt: IsoDateTimeSchema.nullable(),
  canceledAt: IsoDateTimeSchema.nullable(),
  archivedAt: IsoDateTimeSchema.nullable(),
  trashed: z.boolean().nullable(),
  state: StateRefSchema,
  assignee: UserRefSchema.nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }),
  parent: z.object({ id: Id }).nullable(),
  team: z.object({ id: Id }),
});
export type IssueNode = z.infer<typeof IssueNodeSchema>;

export const ViewerDataSchema = z.object({
  viewer: z.object({ id: Id, name: z.string() }),
  organization: z.object({ id: Id, name: z.string(), urlKey: z.string() }),
});

export const TeamsDataSchema = z.object({
  organization: z.object({ urlKey: z.string() }),
  teams: z.object({
    nodes: z.array(z.object({ id: Id, name: z.string(), key: z.string() })),
    pageInfo: PageInfoSchema,
  }),
});
export type TeamsData = z.infer<typeof TeamsDataSchema>;

export const IssuesDataSchema = z.object({
  issues: z.object({ nodes: z.array(IssueNodeSchema), pageInfo: PageInfoSchema }),
});
export type IssuesData = z.infer<typeof IssuesDataSchema>;

export const IssueDataSchema = z.object({ issue: IssueNodeSchema.nullable() });

const WorkflowStateSchema = z.object({ id: Id, name: z.string(), type: StateTypeSchema, position: z.number() });
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;

const IssueWithTeamStatesSchema = IssueNodeSchema.extend({
  team: z.object({ id: Id, states: z.object({ nodes: z.array(WorkflowStateSchema) }) }),
});
export type IssueWithTeamStates = z.infer<typeof IssueWithTeamStatesSchema>;

export const IssueWithTeamStatesDataSchema = z.object({ issue: IssueWithTeamStatesSchema.nullable() });

export const IssueUpdateDataSchema = z.object({
  issueUpdate: z.object({ success: z.boolean(), issue: IssueNodeSchema.nullable() }),
});

export const IssueCreateDataSchema = z.object({
  issueCreate: z.object({ success: z.boolean(), issue: IssueNodeSchema.nullable() }),
});

export const CommentCreateDataSchema = z.object({
  commentCreate: z.object({ success: z.boolean(), comment: z.object({ id: Id }).nullable() }),
});

// ---------------------------------------------------------------- webhooks

/**
 * What every webhook body carries (EntityWebhookPayload; OAuthApp and other non-entity
 * payloads share type, action and the webhook fields but have no `data`).
 */
export const WebhookEnvelopeSchema = z.object({
  type: z.string().min(1),
  action: z.string().min(1),
  createdAt: IsoDateTimeSchema,
  organizationId: Id,
  webhookId: Id,
  webhookTimestamp: z.number(),
  data: z.unknown().optional(),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelopeSchema>;

/** Just enough of an Issue payload to name the task; what every Issue event must have. */
export const IssueWebhookRefSchema = z.object({
  id: Id,
  teamId: Id,
  updatedAt: IsoDateTimeSchema,
  trashed: z.boolean().nullish(),
});

/**
 * IssueWebhookPayload fields a TaskDraft needs. Optional ("Maybe") fields of the webhook schema
 * may be absent rather than null, hence nullish.
 */
export const IssueWebhookDataSchema = IssueWebhookRefSchema.extend({
  title: z.string(),
  description: z.string().nullish(),
  url: z.string(),
  priority: PrioritySchema,
  estimate: z.number().nonnegative().nullish(),
  dueDate: IsoDateSchema.nullish(),
  createdAt: IsoDateTimeSchema,
  startedAt: IsoDateTimeSchema.nullish(),
  completedAt: IsoDateTimeSchema.nullish(),
  canceledAt: IsoDateTimeSchema.nullish(),
  state: StateRefSchema,
  assignee: UserRefSchema.nullish(),
  labels: z.array(z.object({ id: Id, name: z.string() })),
  parentId: Id.nullish(),
});
export type IssueWebhookData = z.infer<typeof IssueWebhookDataSchema>;

/** CommentWebhookPayload: comments on project updates or initiatives carry no issueId. */
export const CommentWebhookDataSchema = z.object({
  id: Id,
  issueId: Id.nullish(),
  issue: z.object({ id: Id, teamId: Id }).nullish(),
  updatedAt: IsoDateTimeSchema,
});
