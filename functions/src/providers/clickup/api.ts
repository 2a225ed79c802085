import type { Account } from "../../domain/integration";
import type { TaskDraft } from "../../domain/task";
import { NotFoundError } from "../../http/errors";
import { pageNumberPages } from "../../http/paginate";
import type { ListTasksOptions, ProjectInfo, ProviderSession, TaskPage, TaskRef } from "../provider";
import { toDraft } from "./normalize";
import {
  ClickUpAuthorizedUserSchema,
  ClickUpFoldersSchema,
  ClickUpListsSchema,
  ClickUpSpacesSchema,
  ClickUpTaskSchema,
  ClickUpTasksPageSchema,
  ClickUpTeamsSchema,
  type ClickUpTasksPage,
} from "./schemas";

/** ClickUp's fixed page size for GET /list/{id}/task. */
export const CLICKUP_PAGE_SIZE = 100;

/** The credential's user, and the Workspaces (teams) it was authorized for: every later call is scoped to them. */
export async function identify(session: ProviderSession): Promise<Account> {
  const { data: me } = await session.http.request({ method: "GET", path: "/user", schema: ClickUpAuthorizedUserSchema });
  const { data: teams } = await session.http.request({ method: "GET", path: "/team", schema: ClickUpTeamsSchema });
  return { id: me.user.id, name: me.user.username ?? null, workspaces: teams.teams.map((team) => team.id) };
}

/**
 * Every List is a project. Workspaces hold Spaces; Spaces hold Folders (which hold Lists) and
 * folderless Lists. Archived Spaces, Folders and Lists are left out.
 */
export async function listProjects(session: ProviderSession): Promise<ProjectInfo[]> {
  const projects: ProjectInfo[] = [];
  for (const teamId of session.account.workspaces) {
    const { data } = await session.http.request({
      method: "GET",
      path: `/team/${encodeURIComponent(teamId)}/space`,
      operation: "/team/{team_id}/space",
      query: { archived: false },
      schema: ClickUpSpacesSchema,
    });
    for (const space of data.spaces) {
      const folders = await session.http.request({
        method: "GET",
        path: `/space/${encodeURIComponent(space.id)}/folder`,
        operation: "/space/{space_id}/folder",
        query: { archived: false },
        schema: ClickUpFoldersSchema,
      });
      for (const folder of folders.data.folders) {
        const lists = await session.http.request({
          method: "GET",
          path: `/folder/${encodeURIComponent(folder.id)}/list`,
          operation: "/folder/{folder_id}/list",
          query: { archived: false },
          schema: ClickUpListsSchema,
        });
        projects.push(...lists.data.lists.map((list) => toProject(teamId, list)));
      }
      const folderless = await session.http.request({
        method: "GET",
        path: `/space/${encodeURIComponent(space.id)}/list`,
        operation: "/space/{space_id}/list",
        query: { archived: false },
        schema: ClickUpListsSchema,
      });
      projects.push(...folderless.data.lists.map((list) => toProject(teamId, list)));
    }
  }
  return projects;
}

function toProject(teamId: string, list: { id: string; name: string }): ProjectInfo {
  return {
    externalId: list.id,
    name: list.name,
    // The List view URL ClickUp's web app uses (not stated in the API docs).
    url: `https://app.clickup.com/${encodeURIComponent(teamId)}/v/li/${encodeURIComponent(list.id)}`,
    providerRef: list.id,
  };
}

/**
 * Pages of a List's tasks. Closed tasks and subtasks are hidden unless asked for, so both flags
 * are always sent. Incremental passes filter on date_updated_gt (Unix ms). The checkpoint is the
 * next page number; ordering by creation keeps page boundaries stable while tasks are edited
 * during the pass (ordering by update would move an edited task past the pages still to come).
 */
export async function* listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncGenerator<TaskPage> {
  const pages = pageNumberPages(
    session.http,
    {
      method: "GET",
      path: `/list/${encodeURIComponent(project.externalId)}/task`,
      operation: "/list/{list_id}/task",
      query: {
        include_closed: true,
        subtasks: true,
        include_markdown_description: true,
        order_by: "created",
        date_updated_gt: options.since === null ? undefined : options.since.getTime(),
      },
      schema: ClickUpTasksPageSchema,
    },
    { start: options.checkpoint, isLastPage },
  );
  for await (const page of pages) {
    yield { tasks: page.data.tasks.map(toDraft), nextCheckpoint: page.next };
  }
}

/** last_page when ClickUp says it; a short page ends the listing too (the examples omit last_page). */
function isLastPage(data: ClickUpTasksPage): boolean {
  return data.last_page ?? data.tasks.length < CLICKUP_PAGE_SIZE;
}

/** One task, or null when ClickUp no longer has it. */
export async function getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null> {
  try {
    const { data } = await fetchTask(session, ref.externalId);
    return toDraft(data);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export function fetchTask(session: ProviderSession, taskId: string) {
  return session.http.request({
    method: "GET",
    path: `/task/${encodeURIComponent(taskId)}`,
    operation: "/task/{task_id}",
    query: { include_markdown_description: true },
    schema: ClickUpTaskSchema,
  });
}
