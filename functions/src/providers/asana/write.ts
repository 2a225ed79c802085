import type { TaskDraft } from "../../domain/task";
import { ValidationError } from "../../domain/validation-error";
import type { CompleteResult, CreateTaskInput, ProjectInfo, ProviderSession, TaskRef } from "../provider";
import { TASK_OPT_FIELDS, fetchTask } from "./api";
import { toDraft } from "./normalize";
import { AsanaStoryResponseSchema, AsanaTaskResponseSchema } from "./schemas";

/** Marks the task complete; one already complete is a conflict, reported with its current state. */
export async function complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult> {
  const { data: current } = await fetchTask(session, ref.externalId);
  if (current.data.completed) return { conflict: true, currentState: toDraft(current.data, ref.project.externalId) };

  const { data } = await session.http.request({
    method: "PUT",
    path: `/tasks/${encodeURIComponent(ref.externalId)}`,
    operation: "/tasks/{task_gid}",
    query: { opt_fields: TASK_OPT_FIELDS },
    json: { data: { completed: true } },
    schema: AsanaTaskResponseSchema,
  });
  return { conflict: false, task: toDraft(data.data, ref.project.externalId) };
}

/** A comment is a story on the task. */
export async function comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }> {
  const { data } = await session.http.request({
    method: "POST",
    path: `/tasks/${encodeURIComponent(ref.externalId)}/stories`,
    operation: "/tasks/{task_gid}/stories",
    json: { data: { text } },
    schema: AsanaStoryResponseSchema,
  });
  return { commentId: data.data.gid };
}

/**
 * Creates the task in the project (which implies its workspace). Asana tasks have one assignee,
 * so more than one is refused rather than silently dropped. clientRequestId is not sent: Asana's
 * only external-id field (`external`) needs an OAuth token and is not there for personal tokens;
 * the write ledger recognises a retried create instead.
 */
export async function create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft> {
  if (input.assignees.length > 1) {
    throw new ValidationError("asana create", [{ field: "assignees", message: "an Asana task has at most one assignee" }]);
  }
  const { data } = await session.http.request({
    method: "POST",
    path: "/tasks",
    query: { opt_fields: TASK_OPT_FIELDS },
    json: {
      data: {
        name: input.title,
        projects: [project.externalId],
        ...(input.description === null ? {} : { notes: input.description }),
        ...(input.assignees[0] === undefined ? {} : { assignee: input.assignees[0] }),
        ...(input.dueAt === null ? {} : { due_at: input.dueAt.toISOString() }),
      },
    },
    schema: AsanaTaskResponseSchema,
  });
  return toDraft(data.data, project.externalId);
}
