import type { Account } from "../../domain/integration";
import type { TaskDraft } from "../../domain/task";
import { parseOrThrow } from "../../domain/validation-error";
import { NotFoundError, ProviderHttpError } from "../../http/errors";
import { planeCursorPages } from "./pagination";
import type { ListTasksOptions, ProjectInfo, ProviderSession, TaskPage, TaskRef } from "../provider";
import { EstimatePoints } from "./estimates";
import { toDraft } from "./normalize";
import { parseItemRef, parseProjectRef, workItemPath, workItemsPath, workspaceSlug, workspaceUrl, type ProjectLocator } from "./refs";
import { PlaneListPageSchema, PlaneProjectsPageSchema, PlaneUserSchema, PlaneWorkItemSchema, type PlaneWorkItem } from "./schemas";

/** Every work item request expands these, so one response holds the state group, names and labels. */
export const WORK_ITEM_EXPAND = "state,assignees,labels";

const WORK_ITEMS_OPERATION = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/";
const WORK_ITEM_OPERATION = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{id}/";

/**
 * The user the key or token acts for. Plane's API cannot list a key's workspaces, so the slug
 * comes with the connection (typed in, or from the app installation); it is confirmed by reading
 * one page of the workspace's projects, so a mistyped slug is refused at connect time instead of
 * failing every sync later.
 */
export async function identify(session: ProviderSession): Promise<Account> {
  const slug = workspaceSlug(session);
  const res = await session.http.request({ method: "GET", path: "/api/v1/users/me/", schema: PlaneUserSchema });
  await confirmWorkspace(session, slug);
  const name = res.data.display_name || [res.data.first_name, res.data.last_name].filter(Boolean).join(" ") || null;
  return { id: res.data.id, name, workspaces: [slug] };
}

/** A 404 or 403 on the workspace's projects: no such workspace, or not one this credential can read. */
async function confirmWorkspace(session: ProviderSession, slug: string): Promise<void> {
  const operation = "/api/v1/workspaces/{slug}/projects/";
  try {
    await session.http.request({ method: "GET", path: `/api/v1/workspaces/${encodeURIComponent(slug)}/projects/`, operation, query: { per_page: 1 }, schema: PlaneProjectsPageSchema });
  } catch (error) {
    if (error instanceof ProviderHttpError && (error.kind === "not_found" || error.kind === "forbidden")) {
      throw new NotFoundError({
        provider: "plane",
        operation: `GET ${operation}`,
        status: error.status,
        providerMessage: `there is no workspace "${slug}" that this credential can read; check the workspace slug (the part after the host in its URL)`,
      });
    }
    throw error;
  }
}

/** The projects of the account's workspace. */
export async function listProjects(session: ProviderSession): Promise<ProjectInfo[]> {
  const slug = workspaceSlug(session);
  const web = workspaceUrl(session.http.baseUrl, slug);
  const projects: ProjectInfo[] = [];
  const pages = planeCursorPages(
    session.http,
    {
      method: "GET",
      path: `/api/v1/workspaces/${encodeURIComponent(slug)}/projects/`,
      operation: "/api/v1/workspaces/{slug}/projects/",
      schema: PlaneProjectsPageSchema,
    },
    null,
  );
  for await (const page of pages) {
    for (const project of page.data.results) {
      projects.push({ externalId: project.id, name: project.name, url: `${web}/projects/${project.id}/issues`, providerRef: `${slug}/${project.id}` });
    }
  }
  return projects;
}

/**
 * Work items of one project. Plane has no updated-since filter, so an incremental pass reads
 * newest-updated first and stops at the first item not updated after `since`. A full pass reads
 * newest-created first: the cursor is an offset, and an item created during the pass only
 * repeats one already seen, where ordering by update time would move an edited item behind us.
 */
export async function* listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncGenerator<TaskPage> {
  const locator = parseProjectRef(project.providerRef);
  const points = new EstimatePoints(session.http, locator);
  const web = workspaceUrl(session.http.baseUrl, locator.slug);
  const pages = planeCursorPages(
    session.http,
    {
      method: "GET",
      path: workItemsPath(locator),
      operation: WORK_ITEMS_OPERATION,
      query: { expand: WORK_ITEM_EXPAND, order_by: options.since ? "-updated_at" : "-created_at" },
      schema: PlaneListPageSchema,
    },
    options.checkpoint,
  );
  for await (const page of pages) {
    const items = page.data.results.map((raw) => parseOrThrow(PlaneWorkItemSchema, raw, "plane work item"));
    const since = options.since;
    const fresh = since ? items.filter((item) => item.updated_at > since) : items;
    const context = { points: await points.for(fresh), workspaceUrl: web };
    const tasks = fresh.map((item) => toDraft(item, context));
    // Past the watermark: everything further is older still.
    if (fresh.length < items.length) {
      yield { tasks, nextCheckpoint: null };
      return;
    }
    yield { tasks, nextCheckpoint: page.next };
  }
}

/** One work item, or null when Plane no longer has it. */
export async function getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null> {
  const locator = locatorOf(ref);
  const item = await fetchWorkItem(session, locator, parseItemRef(ref.providerRef).itemId);
  return item === null ? null : draftOf(session, locator, item);
}

export async function fetchWorkItem(session: ProviderSession, locator: ProjectLocator, itemId: string): Promise<PlaneWorkItem | null> {
  try {
    const res = await session.http.request({
      method: "GET",
      path: workItemPath(locator, itemId),
      operation: WORK_ITEM_OPERATION,
      query: { expand: WORK_ITEM_EXPAND },
      schema: PlaneWorkItemSchema,
    });
    return res.data;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** A work item as a draft, with its link and (when it has an estimate) its points. */
export async function draftOf(session: ProviderSession, locator: ProjectLocator, item: PlaneWorkItem): Promise<TaskDraft> {
  const points = await new EstimatePoints(session.http, locator).for([item]);
  return toDraft(item, { points, workspaceUrl: workspaceUrl(session.http.baseUrl, locator.slug) });
}

/** The project of a task ref: the project's providerRef names the slug, the task's the project id. */
export function locatorOf(ref: TaskRef): ProjectLocator {
  return { slug: parseProjectRef(ref.project.providerRef).slug, projectId: parseItemRef(ref.providerRef).projectId };
}
