import type { Account } from "../../domain/integration";
import type { TaskDraft } from "../../domain/task";
import { NotFoundError } from "../../http/errors";
import { offsetTokenPages } from "../../http/paginate";
import type { ListTasksOptions, ProjectInfo, ProviderSession, TaskPage, TaskRef } from "../provider";
import { toDraft } from "./normalize";
import { AsanaMeSchema, AsanaProjectsPageSchema, AsanaTaskResponseSchema, AsanaTasksPageSchema } from "./schemas";

/**
 * Asana list endpoints return compact records (gid, name) unless the fields are named, so every
 * task read names exactly what normalize() maps. memberships.project lets us pick the section of
 * the project being synced when a task lives in several.
 */
export const TASK_OPT_FIELDS = [
  "name",
  "notes",
  "completed",
  "completed_at",
  "assignee",
  "assignee.name",
  "due_on",
  "due_at",
  "start_on",
  "start_at",
  "created_at",
  "modified_at",
  "actual_time_minutes",
  "memberships.project",
  "memberships.section.name",
  "tags",
  "tags.name",
  "parent",
  "permalink_url",
].join(",");

/** The credential's user and its workspaces: every later call is scoped to them. */
export async function identify(session: ProviderSession): Promise<Account> {
  const { data } = await session.http.request({
    method: "GET",
    path: "/users/me",
    query: { opt_fields: "name,workspaces,workspaces.name" },
    schema: AsanaMeSchema,
  });
  return { id: data.data.gid, name: data.data.name ?? null, workspaces: data.data.workspaces.map((workspace) => workspace.gid) };
}

/** The unarchived projects of each workspace. */
export async function listProjects(session: ProviderSession): Promise<ProjectInfo[]> {
  const projects: ProjectInfo[] = [];
  for (const workspace of session.account.workspaces) {
    const pages = offsetTokenPages(
      session.http,
      {
        method: "GET",
        path: "/projects",
        query: { workspace, archived: false, opt_fields: "name,permalink_url" },
        schema: AsanaProjectsPageSchema,
      },
      null,
    );
    for await (const page of pages) {
      projects.push(
        ...page.data.data.map((project) => ({
          externalId: project.gid,
          name: project.name,
          url: project.permalink_url ?? null,
          providerRef: project.gid,
        })),
      );
    }
  }
  return projects;
}

/**
 * Pages of a project's tasks through GET /tasks?project=…, the only task listing that accepts
 * modified_since (GET /projects/{gid}/tasks does not). Without completed_since Asana returns
 * completed and incomplete tasks alike. The checkpoint is Asana's opaque offset token.
 */
export async function* listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncGenerator<TaskPage> {
  const pages = offsetTokenPages(
    session.http,
    {
      method: "GET",
      path: "/tasks",
      query: {
        project: project.externalId,
        modified_since: options.since === null ? undefined : options.since.toISOString(),
        opt_fields: TASK_OPT_FIELDS,
      },
      schema: AsanaTasksPageSchema,
    },
    options.checkpoint,
  );
  for await (const page of pages) {
    yield { tasks: page.data.data.map((task) => toDraft(task, project.externalId)), nextCheckpoint: page.next };
  }
}

/** One task, or null when Asana no longer has it. */
export async function getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null> {
  try {
    const { data } = await fetchTask(session, ref.externalId);
    return toDraft(data.data, ref.project.externalId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export function fetchTask(session: ProviderSession, taskGid: string) {
  return session.http.request({
    method: "GET",
    path: `/tasks/${encodeURIComponent(taskGid)}`,
    operation: "/tasks/{task_gid}",
    query: { opt_fields: TASK_OPT_FIELDS },
    schema: AsanaTaskResponseSchema,
  });
}
