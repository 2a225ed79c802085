import type { TaskDraft, TaskPriority, TaskStatus } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import { PlaneWorkItemSchema, type PlaneState, type PlaneUser, type PlaneWorkItem } from "./schemas";

/** What a work item alone does not say, known to a sync pass (api.ts) but not to a bare normalize. */
export interface PlaneDraftContext {
  /** Estimate point id → story points, for the item's project (empty when the project has no point estimate). */
  points: ReadonlyMap<string, number | null>;
  /** The web app's workspace root, e.g. "https://app.plane.so/my-team", for links; null when unknown. */
  workspaceUrl: string | null;
}

const NO_CONTEXT: PlaneDraftContext = { points: new Map(), workspaceUrl: null };

/** Plane state groups onto our statuses. Triage is Plane's intake queue: not started yet. */
const STATUS_BY_GROUP: Record<PlaneState["group"], TaskStatus> = {
  backlog: "todo",
  unstarted: "todo",
  triage: "todo",
  started: "in_progress",
  completed: "done",
  cancelled: "cancelled",
};

/** A work item fetched with expand=state,assignees,labels, validated; link and points need a sync pass's context. */
export function normalizePlaneWorkItem(raw: unknown): TaskDraft {
  return toDraft(parseOrThrow(PlaneWorkItemSchema, raw, "plane work item"));
}

export function toDraft(item: PlaneWorkItem, context: PlaneDraftContext = NO_CONTEXT): TaskDraft {
  return {
    externalId: item.id,
    providerRef: `${item.project}/${item.id}`,
    title: item.name,
    description: item.description_html ?? null,
    // UNCONFIRMED: Plane's API returns no link; this is the web app's work-item route.
    url: context.workspaceUrl === null ? null : `${context.workspaceUrl}/projects/${item.project}/issues/${item.id}`,
    status: STATUS_BY_GROUP[item.state.group],
    providerStatus: item.state.name,
    assignees: item.assignees.map((user) => ({ id: user.id, name: nameOf(user) })),
    labels: item.labels.map((label) => label.name),
    priority: priorityOf(item.priority),
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    startAt: item.start_date ?? null,
    dueAt: item.target_date ?? null,
    completedAt: item.completed_at ?? null,
    timeSpentMinutes: null,
    timeEstimateMinutes: null,
    estimatePoints: item.estimate_point ? (context.points.get(item.estimate_point) ?? null) : null,
    parentExternalId: item.parent ?? null,
  };
}

export function statusOfGroup(group: PlaneState["group"]): TaskStatus {
  return STATUS_BY_GROUP[group];
}

function priorityOf(priority: PlaneWorkItem["priority"]): TaskPriority | null {
  return priority === "none" || priority === null || priority === undefined ? null : priority;
}

function nameOf(user: PlaneUser): string | null {
  if (user.display_name) return user.display_name;
  const full = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return full === "" ? null : full;
}
