import type { TaskDraft } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import { AsanaTaskSchema, type AsanaTask } from "./schemas";

/** A raw Asana task record (the object inside `data`) in our vocabulary. */
export function normalizeAsanaTask(raw: unknown): TaskDraft {
  return toDraft(parseOrThrow(AsanaTaskSchema, raw, "asana task"));
}

/**
 * `projectGid` picks the section of that project as the provider status: a task can live in
 * several projects, each with its own board column. Without it the first section wins.
 */
export function toDraft(task: AsanaTask, projectGid: string | null = null): TaskDraft {
  return {
    externalId: task.gid,
    providerRef: task.gid,
    title: task.name,
    description: task.notes === "" ? null : (task.notes ?? null),
    url: task.permalink_url ?? null,
    // Asana has only completed or not; the board column (section) is kept as the provider status.
    status: task.completed ? "done" : "todo",
    providerStatus: sectionName(task, projectGid),
    assignees: task.assignee ? [{ id: task.assignee.gid, name: task.assignee.name ?? null }] : [],
    labels: task.tags.map((tag) => tag.name),
    // Asana has no native priority or estimate (only custom fields, which differ per workspace).
    priority: null,
    createdAt: task.created_at ?? null,
    updatedAt: task.modified_at,
    // A date-time is more precise than the bare day; when both are set they name the same moment.
    startAt: task.start_at ?? task.start_on ?? null,
    dueAt: task.due_at ?? task.due_on ?? null,
    // Only a completed task has a completion time (status and completedAt must agree).
    completedAt: task.completed ? (task.completed_at ?? null) : null,
    timeSpentMinutes: task.actual_time_minutes ?? null,
    timeEstimateMinutes: null,
    estimatePoints: null,
    parentExternalId: task.parent?.gid ?? null,
  };
}

function sectionName(task: AsanaTask, projectGid: string | null): string | null {
  const withSection = task.memberships.filter((membership) => membership.section);
  const inProject = projectGid === null ? undefined : withSection.find((membership) => membership.project?.gid === projectGid);
  return (inProject ?? withSection[0])?.section?.name ?? null;
}
