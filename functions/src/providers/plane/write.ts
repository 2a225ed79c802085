import type { TaskDraft } from "../../domain/task";
import { ValidationError } from "../../domain/validation-error";
import { ConflictError, NotFoundError } from "../../http/errors";
import { planeCursorPages } from "./pagination";
import type { CompleteResult, CreateTaskInput, ProjectInfo, ProviderSession, TaskRef } from "../provider";
import { toIsoDate } from "../shared/iso-dates";
import { WORK_ITEM_EXPAND, draftOf, fetchWorkItem, locatorOf } from "./api";
import { paragraphHtml } from "./html";
import { parseItemRef, parseProjectRef, projectPath, workItemPath, workItemsPath, type ProjectLocator } from "./refs";
import { PlaneCommentSchema, PlaneStatesPageSchema, PlaneWorkItemIdSchema, PlaneWorkItemSchema } from "./schemas";

/** external_source of the work items we create; with external_id it makes a retried create find the first one. */
export const EXTERNAL_SOURCE = "taskbridge";

const WORK_ITEM_OPERATION = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{id}/";

/**
 * Moves the work item to the project's first state (lowest sequence) in the completed group.
 * An item already completed or cancelled is a conflict: it is not ours to reopen or relabel.
 */
export async function complete(session: ProviderSession, ref: TaskRef): Promise<CompleteResult> {
  const locator = locatorOf(ref);
  const itemId = parseItemRef(ref.providerRef).itemId;
  const current = await fetchWorkItem(session, locator, itemId);
  if (current === null) throw notFound(session);
  if (current.state.group === "completed" || current.state.group === "cancelled") {
    return { conflict: true, currentState: await draftOf(session, locator, current) };
  }
  const state = await firstCompletedState(session, locator);
  await session.http.request({
    method: "PATCH",
    path: workItemPath(locator, itemId),
    operation: WORK_ITEM_OPERATION,
    json: { state },
    // The PATCH answer holds the state as a bare id; the read below brings it expanded.
    schema: PlaneWorkItemIdSchema,
  });
  const updated = await fetchWorkItem(session, locator, itemId);
  if (updated === null) throw notFound(session);
  return { conflict: false, task: await draftOf(session, locator, updated) };
}

/** Posts the text as the comment's HTML, escaped, one paragraph per line. */
export async function comment(session: ProviderSession, ref: TaskRef, text: string): Promise<{ commentId: string }> {
  const locator = locatorOf(ref);
  const res = await session.http.request({
    method: "POST",
    path: `${workItemPath(locator, parseItemRef(ref.providerRef).itemId)}comments/`,
    operation: "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{id}/comments/",
    json: { comment_html: paragraphHtml(text) },
    schema: PlaneCommentSchema,
  });
  return { commentId: res.data.id };
}

/**
 * Creates a work item. With a clientRequestId it is sent as external_id (external_source
 * "taskbridge"); Plane answers a second create with the same pair 409, and the item the first
 * one made is then read back, so a retried request never makes two.
 */
export async function create(session: ProviderSession, project: ProjectInfo, input: CreateTaskInput): Promise<TaskDraft> {
  const locator = parseProjectRef(project.providerRef);
  const idempotency = input.clientRequestId === null ? {} : { external_id: input.clientRequestId, external_source: EXTERNAL_SOURCE };
  let itemId: string;
  try {
    const res = await session.http.request({
      method: "POST",
      path: workItemsPath(locator),
      operation: "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/",
      json: {
        name: input.title,
        ...(input.description === null ? {} : { description_html: paragraphHtml(input.description) }),
        ...(input.assignees.length === 0 ? {} : { assignees: input.assignees }),
        ...(input.dueAt === null ? {} : { target_date: toIsoDate(input.dueAt) }),
        ...idempotency,
      },
      schema: PlaneWorkItemIdSchema,
    });
    itemId = res.data.id;
  } catch (error) {
    if (!(error instanceof ConflictError) || input.clientRequestId === null) throw error;
    return draftOf(session, locator, await byExternalId(session, locator, input.clientRequestId));
  }
  const created = await fetchWorkItem(session, locator, itemId);
  if (created === null) throw notFound(session);
  return draftOf(session, locator, created);
}

/** The item an earlier create made: with external_id and external_source the list endpoint answers that one item. */
async function byExternalId(session: ProviderSession, locator: ProjectLocator, externalId: string) {
  const res = await session.http.request({
    method: "GET",
    path: workItemsPath(locator),
    operation: "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/",
    query: { external_id: externalId, external_source: EXTERNAL_SOURCE, expand: WORK_ITEM_EXPAND },
    schema: PlaneWorkItemSchema,
  });
  return res.data;
}

async function firstCompletedState(session: ProviderSession, locator: ProjectLocator): Promise<string> {
  let first: { id: string; sequence: number } | null = null;
  const pages = planeCursorPages(
    session.http,
    {
      method: "GET",
      path: `${projectPath(locator)}/states/`,
      operation: "/api/v1/workspaces/{slug}/projects/{project_id}/states/",
      schema: PlaneStatesPageSchema,
    },
    null,
  );
  for await (const page of pages) {
    for (const state of page.data.results) {
      if (state.group === "completed" && (first === null || state.sequence < first.sequence)) first = state;
    }
  }
  if (first === null) throw new ValidationError("plane project states", [{ field: "group", message: "no state is in the completed group" }]);
  return first.id;
}

function notFound(session: ProviderSession): NotFoundError {
  return new NotFoundError({ provider: session.http.provider, operation: `GET ${WORK_ITEM_OPERATION}`, status: 404, providerMessage: null });
}
