import type { TaskDraft, TaskPriority, TaskStatus } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import type { IssueNode, IssueWebhookData, StateType } from "./schemas";
import { IssueNodeSchema } from "./schemas";

/** The issue fields a draft is made of, whichever shape (GraphQL node or webhook data) they came in. */
interface IssueFields {
  id: string;
  title: string;
  description: string | null;
  url: string;
  state: { name: string; type: StateType };
  assignee: { id: string; name: string } | null;
  labels: string[];
  priority: number;
  estimate: number | null;
  dueDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  canceledAt: Date | null;
  parentId: string | null;
}

const STATUS_BY_STATE_TYPE: Record<StateType, TaskStatus> = {
  triage: "todo",
  backlog: "todo",
  unstarted: "todo",
  started: "in_progress",
  completed: "done",
  canceled: "cancelled",
  // A duplicate is closed without being done, like a cancellation.
  duplicate: "cancelled",
};

const PRIORITY_BY_LEVEL: Record<number, TaskPriority | null> = {
  0: null,
  1: "urgent",
  2: "high",
  // Linear calls 3 "Normal" (priorityLabel) and "medium" in the schema docs.
  3: "medium",
  4: "low",
};

export function statusFromStateType(type: StateType): TaskStatus {
  return STATUS_BY_STATE_TYPE[type];
}

/** Whether an issue in this state type is already closed, so completing it would be a conflict. */
export function isClosedStateType(type: StateType): boolean {
  const status = statusFromStateType(type);
  return status === "done" || status === "cancelled";
}

export function priorityFromLevel(level: number): TaskPriority | null {
  return PRIORITY_BY_LEVEL[level] ?? null;
}

/**
 * When the issue was closed. A done issue gives completedAt; a cancelled one gives canceledAt
 * (falling back to completedAt), so a cancelled task still says when it was closed, as a GitHub
 * issue closed as not planned does. An open issue gives null even if Linear kept a stale
 * timestamp from before it was reopened.
 */
function closedAt(status: TaskStatus, fields: IssueFields): Date | null {
  if (status === "done") return fields.completedAt ?? fields.canceledAt;
  if (status === "cancelled") return fields.canceledAt ?? fields.completedAt;
  return null;
}

function toDraft(fields: IssueFields): TaskDraft {
  const status = statusFromStateType(fields.state.type);
  return {
    externalId: fields.id,
    // Mutations take the issue UUID; the ENG-123 identifier changes when an issue moves team.
    providerRef: fields.id,
    title: fields.title,
    description: fields.description,
    url: fields.url,
    status,
    providerStatus: fields.state.name,
    assignees: fields.assignee ? [{ id: fields.assignee.id, name: fields.assignee.name }] : [],
    labels: fields.labels,
    priority: priorityFromLevel(fields.priority),
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    // Linear issues have no planned start date; startedAt is when work moved into a started state.
    startAt: fields.startedAt,
    dueAt: fields.dueDate,
    completedAt: closedAt(status, fields),
    // Linear has no native time tracking.
    timeSpentMinutes: null,
    timeEstimateMinutes: null,
    // Issue.estimate is in points on the team's scale, never time.
    estimatePoints: fields.estimate,
    parentExternalId: fields.parentId,
  };
}

/** An issue as the GraphQL API gives it (already validated). */
export function draftFromIssueNode(node: IssueNode): TaskDraft {
  return toDraft({
    id: node.id,
    title: node.title,
    description: node.description,
    url: node.url,
    state: node.state,
    assignee: node.assignee,
    labels: node.labels.nodes.map((label) => label.name),
    priority: node.priority,
    estimate: node.estimate,
    dueDate: node.dueDate,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    startedAt: node.startedAt,
    completedAt: node.completedAt,
    canceledAt: node.canceledAt,
    parentId: node.parent?.id ?? null,
  });
}

/** An issue as a webhook body's `data` gives it (already validated). */
export function draftFromIssueWebhook(data: IssueWebhookData): TaskDraft {
  return toDraft({
    id: data.id,
    title: data.title,
    description: data.description ?? null,
    url: data.url,
    state: data.state,
    assignee: data.assignee ?? null,
    labels: data.labels.map((label) => label.name),
    priority: data.priority,
    estimate: data.estimate ?? null,
    dueDate: data.dueDate ?? null,
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
    startedAt: data.startedAt ?? null,
    completedAt: data.completedAt ?? null,
    canceledAt: data.canceledAt ?? null,
    parentId: data.parentId ?? null,
  });
}

/** Provider.normalize: a raw GraphQL Issue node (the TaskbridgeIssue selection) to a draft. */
export function normalizeIssue(raw: unknown): TaskDraft {
  return draftFromIssueNode(parseOrThrow(IssueNodeSchema, raw, "linear issue"));
}
