import type { Account } from "../../domain/integration";
import type { TaskDraft } from "../../domain/task";
import { graphqlRequest } from "../../http/graphql";
import { BadRequestError } from "../../http/errors";
import { graphqlPages } from "../../http/paginate";
import type { ListTasksOptions, ProjectInfo, ProviderSession, TaskPage, TaskRef } from "../provider";
import { draftFromIssueNode } from "./normalize";
import { ISSUE_PAGE_SIZE, ISSUE_QUERY, ISSUES_QUERY, TEAM_PAGE_SIZE, TEAMS_QUERY, VIEWER_QUERY } from "./queries";
import type { IssueNode } from "./schemas";
import { IssueDataSchema, IssuesDataSchema, TeamsDataSchema, ViewerDataSchema } from "./schemas";

/** Every request goes to the one GraphQL endpoint under the base URL (https://api.linear.app). */
export const GRAPHQL_PATH = "/graphql";

/** The viewer is the account; its organization is the one workspace every call is scoped to. */
export async function identify(session: ProviderSession): Promise<Account> {
  const data = await graphqlRequest(session.http, {
    path: GRAPHQL_PATH,
    query: VIEWER_QUERY,
    schema: ViewerDataSchema,
    operation: "graphql viewer",
  });
  return { id: data.viewer.id, name: data.viewer.name, workspaces: [data.organization.id] };
}

/** Each team the credential can see is a project. Team keys can be renamed, so the team id is the ref. */
export async function listProjects(session: ProviderSession): Promise<ProjectInfo[]> {
  const projects: ProjectInfo[] = [];
  const pages = graphqlPages(
    session.http,
    {
      path: GRAPHQL_PATH,
      query: TEAMS_QUERY,
      variables: { first: TEAM_PAGE_SIZE },
      schema: TeamsDataSchema,
      operation: "graphql teams",
      pageInfo: (data) => data.teams.pageInfo,
    },
    null,
  );
  for await (const page of pages) {
    for (const team of page.data.teams.nodes) {
      projects.push({
        externalId: team.id,
        name: team.name,
        url: `https://linear.app/${page.data.organization.urlKey}/team/${team.key}/all`,
        providerRef: team.id,
      });
    }
  }
  return projects;
}

/**
 * The team's issues, ISSUE_PAGE_SIZE (250) a page. An incremental pass asks only for issues updated after `since`;
 * a full pass (no `since`) includes archived issues, so the pipeline does not tombstone issues that
 * still exist merely because Linear archived them. A trashed issue (deleted, in its 30-day grace)
 * is left out of every page so a full pass tombstones it.
 */
export async function* listTasks(session: ProviderSession, project: ProjectInfo, options: ListTasksOptions): AsyncGenerator<TaskPage> {
  const filter: Record<string, unknown> = { team: { id: { eq: project.externalId } } };
  if (options.since !== null) filter.updatedAt = { gt: options.since.toISOString() };
  const pages = graphqlPages(
    session.http,
    {
      path: GRAPHQL_PATH,
      query: ISSUES_QUERY,
      variables: { filter, first: ISSUE_PAGE_SIZE, includeArchived: options.since === null },
      schema: IssuesDataSchema,
      operation: "graphql issues",
      pageInfo: (data) => data.issues.pageInfo,
    },
    options.checkpoint,
  );
  for await (const page of pages) {
    yield { tasks: page.data.issues.nodes.filter(isLive).map(draftFromIssueNode), nextCheckpoint: page.next };
  }
}

/** One issue by its UUID; null when Linear no longer has it or it is in the trash. */
export async function getTask(session: ProviderSession, ref: TaskRef): Promise<TaskDraft | null> {
  try {
    const data = await graphqlRequest(session.http, {
      path: GRAPHQL_PATH,
      query: ISSUE_QUERY,
      variables: { id: ref.externalId },
      schema: IssueDataSchema,
      operation: "graphql issue",
    });
    return data.issue !== null && isLive(data.issue) ? draftFromIssueNode(data.issue) : null;
  } catch (error) {
    if (isEntityNotFound(error)) return null;
    throw error;
  }
}

function isLive(issue: Pick<IssueNode, "trashed">): boolean {
  return issue.trashed !== true;
}

/**
 * Linear answers a lookup of a missing (or permanently deleted) entity with a GraphQL error
 * "Entity not found: Issue" (extensions type "invalid input"), which the GraphQL layer reports as
 * a bad request.
 */
export function isEntityNotFound(error: unknown): boolean {
  return error instanceof BadRequestError && /^entity not found\b/i.test(error.providerMessage ?? "");
}
