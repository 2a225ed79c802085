import type { TaskDraft } from "../../domain/task";
import { ValidationError } from "../../domain/validation-error";
import type { CompleteResult, CreateTaskInput, ProjectInfo, ProviderSession, TaskRef } from "../provider";
import { fetchTask } from "./api";
import { isClosedType, toDraft } from "./normalize";
import { ClickUpCommentCreatedSchema, ClickUpListSchema, ClickUpTaskSchema } from "./schemas";

/**
 * Moves the task to its List's closed status. Statuses are per List, so the List is read for the
 * name of the status whose type is "closed" (the Done group's "done" type if it has none). A
 * task already closed or done is a conflict, reported with its current state.
 */
export async function complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult> {
  const { data: current } = await fetchTask(session, ref.externalId);
  if (isClosedType(current.status.type)) return { conflict: true, currentState: toDraft(current) };

  // The task's home List decides its statuses; the project we synced it from is the fallback.
  const listId = current.list?.id ?? ref.project.externalId;
  const { data: list } = await session.http.request({
    method: "GET",
    path: `/list/${encodeURIComponent(listId)}`,
    operation: "/list/{list_id}",
    schema: ClickUpListSchema,
  });
  const target = list.statuses.find((status) => status.type === "closed") ?? list.statuses.find((status) => status.type === "done");
  if (!target) {
    throw new ValidationError("clickup list", [{ field: "statuses", message: "has no status of type closed or done to complete into" }]);
  }

  const { data } = await session.http.request({
    method: "PUT",
    path: `/task/${encodeURIComponent(ref.externalId)}`,
    operation: "/task/{task_id}",
    json: { status: target.status },
    schema: ClickUpTaskSchema,
  });
  return { conflict: false, task: toDraft(data) };
}

/** Posts a comment; notify_all is required by the API, and a synced comment should not page everyone. */
export async function comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }> {
  const { data } = await session.http.request({
    method: "POST",
    path: `/task/${encodeURIComponent(ref.externalId)}/comment`,
    operation: "/task/{task_id}/comment",
    json: { comment_text: text, notify_all: false },
    schema: ClickUpCommentCreatedSchema,
  });
  return { commentId: data.id };
}

/**
 * Creates the task in the List. ClickUp has no idempotency key or external-id field, so
 * clientRequestId is not sent; the write ledger is what recognises a retried create.
 */
export async function create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft> {
  const { data } = await session.http.request({
    method: "POST",
    path: `/list/${encodeURIComponent(project.externalId)}/task`,
    operation: "/list/{list_id}/task",
    json: {
      name: input.title,
      ...(input.description === null ? {} : { description: input.description }),
      assignees: input.assignees.map(userId),
      ...(input.dueAt === null ? {} : { due_date: input.dueAt.getTime(), due_date_time: true }),
    },
    schema: ClickUpTaskSchema,
  });
  return toDraft(data);
}

/** ClickUp user ids are integers on write. */
function userId(id: string): number {
  if (!/^\d+$/.test(id)) throw new ValidationError("clickup create", [{ field: "assignees", message: "a ClickUp user id is a number" }]);
  return Number(id);
}
