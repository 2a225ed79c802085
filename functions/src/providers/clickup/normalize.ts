import type { TaskDraft, TaskPriority, TaskStatus } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import { ClickUpTaskSchema, type ClickUpTask } from "./schemas";

const MS_PER_MINUTE = 60_000;

/** A raw ClickUp task (GET /task/{id} or one element of GET /list/{id}/task) in our vocabulary. */
export function normalizeClickUpTask(raw: unknown): TaskDraft {
  return toDraft(parseOrThrow(ClickUpTaskSchema, raw, "clickup task"));
}

export function toDraft(task: ClickUpTask): TaskDraft {
  const status = statusOf(task.status.type);
  return {
    externalId: task.id,
    // The task id alone addresses a task in every ClickUp endpoint we write to.
    providerRef: task.id,
    title: task.name,
    description: nonEmpty(task.markdown_description) ?? nonEmpty(task.description) ?? nonEmpty(task.text_content),
    url: task.url ?? null,
    status,
    providerStatus: task.status.status,
    assignees: task.assignees.map((user) => ({ id: user.id, name: user.username ?? user.email ?? null })),
    labels: task.tags.map((tag) => tag.name),
    priority: priorityOf(task.priority ?? null),
    createdAt: task.date_created ?? null,
    updatedAt: task.date_updated,
    startAt: task.start_date ?? null,
    dueAt: task.due_date ?? null,
    // A reopened task may keep its old dates in some payloads; only a done task has a completion.
    completedAt: status === "done" ? (task.date_done ?? task.date_closed ?? null) : null,
    timeSpentMinutes: minutes(task.time_spent),
    timeEstimateMinutes: minutes(task.time_estimate),
    // Sprint points are points, like Linear and Plane estimates.
    estimatePoints: task.points ?? null,
    parentExternalId: task.parent ?? null,
  };
}

/**
 * status.type: closed (and the UI's Done group, "done") are finished; open is not started;
 * "custom" is every status in between. A type ClickUp adds later is treated as in between too,
 * rather than failing the whole sync.
 */
export function statusOf(type: string): TaskStatus {
  switch (type) {
    case "closed":
    case "done":
      return "done";
    case "open":
      return "todo";
    default:
      return "in_progress";
  }
}

/** Whether a status type counts as finished; used by complete() to detect the conflict. */
export function isClosedType(type: string): boolean {
  return statusOf(type) === "done";
}

const PRIORITY_BY_NAME: Record<string, TaskPriority> = { urgent: "urgent", high: "high", normal: "medium", low: "low" };
const PRIORITY_BY_NUMBER: Record<string, TaskPriority> = { "1": "urgent", "2": "high", "3": "medium", "4": "low" };

function priorityOf(priority: NonNullable<ClickUpTask["priority"]> | null): TaskPriority | null {
  if (priority === null) return null;
  if (typeof priority === "number") return PRIORITY_BY_NUMBER[String(priority)] ?? null;
  return PRIORITY_BY_NAME[priority.priority.toLowerCase()] ?? (priority.id ? (PRIORITY_BY_NUMBER[priority.id] ?? null) : null);
}

function minutes(ms: string | number | null | undefined): number | null {
  if (ms === null || ms === undefined) return null;
  return Number(ms) / MS_PER_MINUTE;
}

function nonEmpty(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === "" ? null : text;
}
